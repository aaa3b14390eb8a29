import type { Mood } from '../ai-input';

// Word lists stay compact (prettier-ignore): one entry per line would hide them in 500 lines.
// Entries are accent-folded; one with a space is a phrase, one without begins a word.

/**
 * Support intents and the words that signal them in es/en/pt. Both the query and the candidate
 * replies get the intent as an extra term, so "me cobraron dos veces" finds a saved reply about a
 * "cargo duplicado" although they share no word.
 */
// prettier-ignore
export const INTENTS: Record<string, string[]> = {
  delivery: [
    'entrega', 'entregu', 'envio', 'enviad', 'deliver', 'shipping', 'shipment', 'shipped', 'paquete', 'package',
    'parcel', 'pacote', 'encomenda', 'no ha llegado', 'no me ha llegado', 'no llega', 'no me llega', 'no llego',
    'va a llegar', 'cuando llega', 'not arrived', 'hasn t arrived', 'didn t arrive', 'not here', 'supposed to arrive',
    'will it arrive', 'nao chegou', 'vai chegar', 'pra chegar', 'para chegar', 'track', 'seguimiento', 'rastreio',
    'rastrear', 'courier', 'carrier', 'transportadora', 'mensajer', 'repartidor', 'retras', 'atras', 'delay', 'late',
    'demora', 'correios',
  ],
  refund: [
    'reembols', 'refund', 'reimburs', 'estorn', 'reintegr', 'devolucion del dinero', 'devuelto el dinero',
    'devuelvan el dinero', 'devolveis el dinero', 'devolver el dinero', 'me devuelvan', 'money back',
    'dinheiro de volta',
  ],
  return: ['devolu', 'devolv', 'return', 'troca', 'trocar', 'cambio', 'cambiar', 'exchang', 'etiqueta', 'label'],
  wrongItem: [
    'equivocad', 'incorrect', 'wrong', 'errad', 'errone', 'trocad', 'distint', 'diferente', 'different', 'talla',
    'size', 'tamanho', 'color', 'colour', 'cor ', 'modelo', 'instead', 'en vez de', 'en lugar de', 'em vez de',
    'too small', 'too big', 'too large', 'pequen', 'apretad', 'ficou grande',
  ],
  damaged: [
    'roto', 'rota', 'danad', 'broken', 'damag', 'quebrad', 'defect', 'estragad', 'avariad', 'rayad', 'scratch',
    'no funciona', 'not working', 'doesn t work', 'nao funciona',
  ],
  billing: [
    'cobr', 'charg', 'factur', 'invoice', 'fatura', 'cargo', 'billing', 'bill', 'pago', 'pagu', 'pagar', 'pagamento',
    'payment', 'paid', 'tarjeta', 'card', 'cartao', 'duplicad', 'duplicat', 'twice', 'dos veces', 'duas vezes',
    'importe', 'recibo', 'receipt', 'boleto',
  ],
  access: [
    'contrasen', 'password', 'senha', 'login', 'log in', 'sign in', 'acced', 'acceso', 'access', 'acessar', 'entrar',
    'bloquead', 'locked', 'restablec', 'reset', 'recuperar', 'redefin', 'codigo de verific', 'verification code',
    'two factor', '2fa', 'usuario', 'username',
  ],
  appointment: [
    'cita', 'turno', 'appointment', 'booking', 'reserva', 'agend', 'horario', 'schedul', 'reprogram', 'remarc',
    'resched', 'visita', 'tecnico', 'technician',
  ],
  plan: [
    'plan', 'plano', 'upgrade', 'premium', 'mejorar', 'subscription', 'suscrip', 'assinatura', 'tarifa', 'megas',
    'velocidad', 'velocidade', 'gigas', 'fibra', 'downgrade', 'mensualidad', 'mensalidade', 'seats', 'licencias',
  ],
  cancel: ['cancel', 'anular', 'anula', 'baja', 'unsubscrib', 'terminate', 'rescindir', 'encerrar'],
  complaint: [
    'queja', 'reclam', 'complain', 'complaint', 'manager', 'supervisor', 'gerente', 'encargad', 'responsable',
    'procon', 'denuncia', 'abogad', 'lawyer', 'inaceptable', 'unacceptable', 'inadmissivel', 'verguenza',
  ],
  address: ['direccion', 'address', 'endereco', 'domicilio', 'calle', 'street', 'rua', 'cep', 'codigo postal', 'zip'],
  connectivity: [
    'internet', 'wifi', 'conexion', 'connection', 'conexao', 'router', 'roteador', 'senal', 'signal', 'sinal',
    'outage', 'corte', 'caida', 'sin servicio', 'sin linea', 'no service', 'sem servico', 'lento', 'slow',
  ],
};

/** Words that make a customer message a request (besides a question mark). */
// prettier-ignore
export const REQUEST_CUES = [
  // es
  'quiero', 'quisiera', 'necesito', 'me gustaria', 'podrian', 'podria', 'pueden', 'puede', 'puedo', 'solicito',
  'ayuda', 'ayudar', 'cambiar', 'cancelar', 'anular', 'devolver', 'reembolso', 'donde', 'cuando', 'como', 'por que',
  'no me llega', 'no llega', 'no funciona', 'no puedo', 'todavia no', 'aun no', 'me cobraron', 'reclamo',
  'me mandan', 'me envian',
  // en
  'want', 'need', 'would like', 'can you', 'could you', 'please', 'help', 'refund', 'cancel', 'change', 'reset',
  'where', 'when', 'how', 'why', 'still', 'haven t', 'didn t', 'can t', 'cannot', 'not working', 'charged', 'send me',
  // pt
  'quero', 'queria', 'preciso', 'gostaria', 'podem', 'pode', 'poderia', 'ajuda', 'trocar', 'devolver', 'onde',
  'quando', 'como', 'por que', 'ainda nao', 'nao consigo', 'nao chegou', 'cobraram', 'consegue', 'me manda',
  'me envia',
];

/** Messages that carry no request by themselves. */
export const SMALL_TALK =
  /^(hola|buenas|buenos dias|buenas tardes|hi|hello|hey|good (morning|afternoon|evening)|ola|oi|bom dia|boa tarde|boa noite|gracias|muchas gracias|thanks|thank you|obrigad[oa]|ok|vale|perfecto|perfect|great|genial|si|yes|sim|no|nao|👍|🙏)[\s!.,]*$/;

// prettier-ignore
export const MOOD_WORDS: Record<Exclude<Mood, 'calm'>, string[]> = {
  angry: [
    'inaceptable', 'unacceptable', 'inadmissivel', 'inaceitavel', 'verguenza', 'vergonha', 'disgrace', 'estafa',
    'scam', 'fraude', 'fraud', 'ladrones', 'thieves', 'ladroes', 'ridicul', 'absurd', 'horrible', 'terrible',
    'pesimo', 'worst', 'pessimo', 'abogad', 'lawyer', 'advogado', 'denuncia', 'procon', 'demanda', 'sue ',
    'furious', 'furioso', 'indignad', 'harto', 'nunca mas', 'never again', 'nunca mais', 'incompetent',
  ],
  frustrated: [
    'todavia no', 'aun no', 'otra vez', 'de nuevo', 'sigo esperando', 'nadie', 'ninguna respuesta', 'still not',
    'still no ', 'still haven', 'still hasn', 'still waiting', 'again', 'not yet', 'nobody', 'no one', 'no answer',
    'ainda nao', 'ate agora nada', 'de novo', 'outra vez', 'ninguem', 'cansad', 'tired', 'frustrad', 'frustrating',
    'molest', 'annoy', 'chatead', 'irritad', 'decepcion', 'disappoint', 'decepcionad', 'ya van', 'already', 'ja faz',
    'semanas', 'weeks', 'tres veces', 'three times', 'varias veces', 'tercera vez', 'third time',
  ],
  worried: [
    'preocupad', 'worried', 'concerned', 'urgente', 'urgent', 'asap', 'cuanto antes', 'lo antes posible',
    'o quanto antes', 'emergencia', 'emergency', 'nervios', 'nervous', 'ansios', 'anxious', 'miedo', 'afraid', 'medo',
    'importante', 'necesito hoy', 'need it today', 'preciso hoje',
  ],
  confused: [
    'no entiendo', 'no entendi', 'don t understand', 'didn t understand', 'confus', 'nao entendo', 'nao entendi',
    'como hago', 'how do i', 'como faco', 'no se como', 'don t know how', 'nao sei como', 'que significa',
    'what does', 'o que significa', 'no me queda claro', 'not clear', 'unclear',
  ],
  happy: [
    'gracias', 'genial', 'perfecto', 'excelente', 'encantad', 'thanks', 'thank you', 'great', 'awesome', 'perfect',
    'excellent', 'love', 'obrigad', 'otimo', 'perfeito', 'maravilh', 'amable', 'gentil',
  ],
};

export const MOOD_EMOJIS: Record<Exclude<Mood, 'calm'>, string[]> = {
  angry: ['😡', '🤬', '😠', '👎', '💢'],
  frustrated: ['😤', '😒', '🙄', '😞', '😩', '😫', '😑', '😣', '😖'],
  worried: ['😟', '😰', '😥', '😨', '😧', '😬', '🙏'],
  confused: ['🤔', '😕', '🤷', '❓', '😵'],
  happy: ['😊', '🙂', '😀', '😃', '😄', '😁', '👍', '❤', '🙌', '🥰', '😍', '👌'],
};
