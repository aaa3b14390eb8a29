import type { AiLocale } from '../ai-input';

/**
 * Replies for when no saved reply fits: first the ones for the detected intent, then generic ones.
 * `{name}` is the customer's first name. Several per kind, so a refresh still has new ones.
 */
export const FALLBACK_REPLIES: Record<AiLocale, Record<string, string[]>> = {
  es: {
    delivery: [
      'Hola {name}, voy a consultar el estado de tu envío con la empresa de transporte y te confirmo en unos minutos.',
      '¿Me confirmas el número de pedido para revisar dónde está tu paquete?',
    ],
    refund: [
      'Hola {name}, reviso el estado de tu reembolso y te confirmo los plazos en unos minutos.',
      '¿Me confirmas el número de pedido para revisar tu reembolso?',
    ],
    return: ['Claro, {name}, te ayudo con el cambio o la devolución. ¿Me confirmas el número de pedido?'],
    wrongItem: [
      'Lamento mucho el error con tu pedido, {name}. ¿Me envías una foto del producto que recibiste para gestionar el cambio?',
    ],
    damaged: [
      'Siento que el producto haya llegado en mal estado. ¿Me envías una foto para gestionar la reposición?',
    ],
    billing: [
      'Hola {name}, voy a revisar los cargos de tu cuenta para ver qué ha pasado con el cobro y te confirmo enseguida.',
    ],
    access: [
      'Te ayudo a recuperar el acceso, {name}. Te enviaremos un enlace para restablecer la contraseña al correo registrado.',
    ],
    appointment: ['Claro, {name}, te ayudo con tu cita. ¿Qué día y horario te vendría mejor?'],
    plan: [
      'Con gusto te ayudo con tu plan, {name}. Te cuento las opciones disponibles y el precio de cada una.',
    ],
    cancel: ['Entiendo, {name}. Antes de gestionar la baja, ¿me cuentas el motivo por si podemos ayudarte?'],
    complaint: [
      'Lamento mucho lo ocurrido, {name}, y entiendo tu molestia. Me encargo personalmente de tu caso a partir de ahora.',
    ],
    address: ['Claro, {name}. ¿Me indicas la dirección completa, con código postal, para actualizarla?'],
    connectivity: [
      'Siento los problemas con tu conexión, {name}. ¿Puedes reiniciar el router y decirme si las luces quedan en verde?',
    ],
    generic: [
      'Hola {name}, ya estoy con tu caso. Dame un momento mientras reviso la información y te respondo enseguida.',
      'Gracias por tu paciencia, {name}. Estoy revisando tu consulta y te confirmo en unos minutos.',
      '¿Me das un poco más de detalle para ayudarte mejor?',
      '¿Hay algo más en lo que pueda ayudarte?',
    ],
  },
  en: {
    delivery: [
      'Hi {name}, I am checking the status of your shipment with the carrier and will update you in a few minutes.',
      'Could you confirm your order number so I can check where your package is?',
    ],
    refund: [
      'Hi {name}, I am checking the status of your refund and will confirm the timeline in a few minutes.',
      'Could you confirm your order number so I can look into your refund?',
    ],
    return: [
      'Sure, {name}, I can help you with the exchange or return. Could you confirm your order number?',
    ],
    wrongItem: [
      'I am sorry about the mix-up with your order, {name}. Could you send me a photo of the item you received so I can arrange the exchange?',
    ],
    damaged: [
      'I am sorry the item arrived damaged. Could you send me a photo so I can arrange a replacement?',
    ],
    billing: [
      'Hi {name}, I am reviewing the charges on your account to see what happened and will confirm shortly.',
    ],
    access: [
      'I can help you get back into your account, {name}. We will send a password reset link to your registered e-mail.',
    ],
    appointment: [
      'Of course, {name}, I can help with your appointment. Which day and time would suit you best?',
    ],
    plan: [
      'Happy to help with your plan, {name}. Let me walk you through the available options and their prices.',
    ],
    cancel: ['I understand, {name}. Before I process the cancellation, may I ask why, in case we can help?'],
    complaint: [
      'I am very sorry about what happened, {name}, and I understand your frustration. I will personally take care of your case from now on.',
    ],
    address: [
      'Sure, {name}. Could you send me the full address, including the ZIP code, so I can update it?',
    ],
    connectivity: [
      'Sorry about the connection problems, {name}. Could you restart the router and tell me whether the lights turn green?',
    ],
    generic: [
      'Hi {name}, I have your case now. Give me a moment to review the details and I will get right back to you.',
      'Thanks for your patience, {name}. I am looking into your request and will update you in a few minutes.',
      'Could you give me a bit more detail so I can help you better?',
      'Is there anything else I can help you with?',
    ],
  },
  pt: {
    delivery: [
      'Olá {name}, vou verificar o status da sua entrega com a transportadora e te retorno em alguns minutos.',
      'Pode me confirmar o número do pedido para eu verificar onde está sua encomenda?',
    ],
    refund: [
      'Olá {name}, vou verificar o status do seu reembolso e te confirmo o prazo em alguns minutos.',
      'Pode me confirmar o número do pedido para eu verificar o seu reembolso?',
    ],
    return: ['Claro, {name}, te ajudo com a troca ou devolução. Pode me confirmar o número do pedido?'],
    wrongItem: [
      'Sinto muito pelo erro no seu pedido, {name}. Pode me enviar uma foto do produto que recebeu para eu providenciar a troca?',
    ],
    damaged: [
      'Sinto muito que o produto chegou danificado. Pode me enviar uma foto para eu providenciar a reposição?',
    ],
    billing: [
      'Olá {name}, vou revisar as cobranças da sua conta para entender o que aconteceu e já te confirmo.',
    ],
    access: [
      'Te ajudo a recuperar o acesso, {name}. Vamos enviar um link para redefinir a senha para o e-mail cadastrado.',
    ],
    appointment: ['Claro, {name}, te ajudo com o seu agendamento. Qual dia e horário fica melhor para você?'],
    plan: [
      'Será um prazer te ajudar com o seu plano, {name}. Vou te mostrar as opções disponíveis e os valores.',
    ],
    cancel: [
      'Entendo, {name}. Antes de fazer o cancelamento, pode me contar o motivo, caso possamos ajudar?',
    ],
    complaint: [
      'Sinto muito pelo ocorrido, {name}, e entendo sua insatisfação. Vou cuidar pessoalmente do seu caso a partir de agora.',
    ],
    address: ['Claro, {name}. Pode me informar o endereço completo, com CEP, para eu atualizar?'],
    connectivity: [
      'Sinto muito pelos problemas de conexão, {name}. Pode reiniciar o roteador e me dizer se as luzes ficam verdes?',
    ],
    generic: [
      'Olá {name}, já estou com o seu atendimento. Me dá um momento para revisar as informações e já te respondo.',
      'Obrigado pela paciência, {name}. Estou verificando a sua solicitação e te retorno em alguns minutos.',
      'Pode me dar um pouco mais de detalhes para eu te ajudar melhor?',
      'Posso te ajudar com mais alguma coisa?',
    ],
  },
};
