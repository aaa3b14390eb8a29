import { type DataSource, type EntityManager } from 'typeorm';
import { Agent } from '../entities/agent.entity';
import { ChannelAccount } from '../entities/channel-account.entity';
import { ChannelKind } from '../entities/enums';

export const DEMO_ADMIN_EMAIL = 'admin@demo.omnitray.local';

/** The seeded channel's secrets; they only ever meet the sandbox and `omnitray demo say`. */
export const DEMO_CHANNEL_SECRETS = {
  accessToken: 'demo-access-token',
  appSecret: 'demo-app-secret',
  verifyToken: 'demo-verify-token',
} as const;

export const DEMO_WABA_ID = 'demo-waba';

/** Where `omnitray demo say` finds the server unless told otherwise (`npm start`'s address). */
export const DEFAULT_SERVER_URL = 'http://localhost:4000';

/** Where the sandbox is mounted on the API's own origin. */
export const GRAPH_SANDBOX_PATH = '/sandbox/graph';

/** The Graph API base URL the demo channel uses when the sandbox serves it. */
export function graphSandboxBaseUrl(origin: string): string {
  return `${origin.replace(/\/+$/, '')}${GRAPH_SANDBOX_PATH}`;
}

/** A template as `GET /{waba_id}/message_templates` lists it. */
export interface GraphTemplate {
  id: string;
  name: string;
  language: string;
  status: 'APPROVED';
  category: 'MARKETING' | 'UTILITY';
  parameter_format: 'POSITIONAL';
  components: { type: string; text: string }[];
}

/** The demo's approved templates as the Graph API lists them; the seed stores the same ones. */
export const DEMO_TEMPLATES: readonly GraphTemplate[] = [
  {
    id: 'demo-tpl-1',
    name: 'seguimiento_venta',
    language: 'es',
    status: 'APPROVED',
    category: 'MARKETING',
    parameter_format: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Hola {{1}}, ¿pudiste revisar la propuesta que te enviamos?' }],
  },
  {
    id: 'demo-tpl-2',
    name: 'pedido_en_camino',
    language: 'es',
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Hola {{1}}, tu pedido {{2}} está en camino y llega el {{3}}.' }],
  },
];

/** The demo workspace is the one its admin belongs to; null before the seed ran. */
export async function demoWorkspaceId(db: DataSource | EntityManager): Promise<string | null> {
  const admin = await db.getRepository(Agent).findOne({
    where: { email: DEMO_ADMIN_EMAIL },
    select: { id: true, workspaceId: true },
  });
  return admin?.workspaceId ?? null;
}

/** The demo workspace's WhatsApp channels, the seeded one first. */
export async function demoWhatsAppChannels(db: DataSource | EntityManager): Promise<ChannelAccount[]> {
  const workspaceId = await demoWorkspaceId(db);
  if (!workspaceId) return [];
  return db.getRepository(ChannelAccount).find({
    where: { workspaceId, kind: ChannelKind.WHATSAPP },
    order: { createdAt: 'ASC' },
  });
}
