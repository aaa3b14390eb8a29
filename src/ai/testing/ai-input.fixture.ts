import type { AiInput } from '../ai-input';

const at = (minute: number) => new Date(Date.UTC(2025, 4, 12, 10, minute));

/** A Spanish delivery conversation handed from the bot to an agent. */
export function deliveryInput(overrides: Partial<AiInput> = {}): AiInput {
  return {
    locale: 'es',
    conversationId: 'conv-1',
    transcript: [
      { id: 'm1', sender: 'CUSTOMER', text: 'Hola buenas', at: at(0) },
      {
        id: 'm2',
        sender: 'BOT',
        text: '¡Hola! Soy el asistente virtual. ¿En qué puedo ayudarte?',
        at: at(1),
      },
      {
        id: 'm3',
        sender: 'CUSTOMER',
        text: 'Hice el pedido 48213 el 2 de mayo y todavía no me ha llegado. ¿Dónde está mi paquete?',
        at: at(2),
      },
      { id: 'm4', sender: 'BOT', text: 'Te paso con un agente para revisarlo.', at: at(3) },
      {
        id: 'm5',
        sender: 'CUSTOMER',
        text: 'Mi móvil es +34 612 345 678 y mi correo ana.garcia@example.com por si necesitan contactarme',
        at: at(4),
      },
    ],
    customer: {
      name: 'Ana García',
      phone: '+34 612 345 678',
      channel: 'WHATSAPP',
      fields: [{ label: 'Nº cliente', value: 'C-20931' }],
    },
    tags: ['envíos'],
    notes: [],
    templates: [
      { name: 'estado_envio', text: 'Hola {{1}}, tu pedido está en camino y llegará en 24-48 horas.' },
      { name: 'reembolso', text: 'Tu reembolso se ha procesado y verás el importe en 5-7 días hábiles.' },
    ],
    pastAgentReplies: ['He revisado el seguimiento con la transportadora y tu paquete sale hoy a reparto.'],
    redactPii: true,
    ...overrides,
  };
}
