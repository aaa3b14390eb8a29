import { actorOf, isAdmin } from '../../auth/viewer';
import { Attachment } from '../../entities/attachment.entity';
import { type Caller } from '../caller';
import { conversationReadScope, readableConversationSql } from '../conversation/conversation-visibility';
import { notFound } from '../errors';
import { isRowId } from '../owned-row';

/**
 * Who may read an attachment: one of a message follows its conversation's read rule; an upload not
 * yet sent is seen by its uploader (that agent or that API key) and by admins only. Hidden reads
 * exactly like absent. As SQL on the attachment row aliased `alias`.
 */
export function readableAttachmentSql(
  caller: Caller,
  alias: string,
): { sql: string; parameters: Record<string, unknown> } {
  const owner = `${alias}_conversation`;
  const conversation = readableConversationSql(conversationReadScope(caller.viewer), owner);
  const actor = actorOf(caller.viewer);
  const unsent = isAdmin(caller.viewer)
    ? 'TRUE'
    : `(${alias}.uploader_type = :${alias}UploaderType AND ${alias}.uploader_id = :${alias}UploaderId)`;
  return {
    sql: `(${alias}.workspace_id = :${alias}Workspace AND CASE WHEN ${alias}.conversation_id IS NULL THEN ${unsent}
      ELSE EXISTS (SELECT 1 FROM conversation ${owner} WHERE ${owner}.id = ${alias}.conversation_id AND ${conversation.sql}) END)`,
    parameters: {
      ...conversation.parameters,
      [`${alias}Workspace`]: caller.viewer.workspaceId,
      [`${alias}UploaderType`]: actor.actorType,
      [`${alias}UploaderId`]: actor.actorId,
    },
  };
}

export async function readableAttachmentOrNull(caller: Caller, id: string): Promise<Attachment | null> {
  if (!isRowId(id)) return null;
  const rule = readableAttachmentSql(caller, 'a');
  return caller.deps.dataSource
    .getRepository(Attachment)
    .createQueryBuilder('a')
    .where('a.id = :id', { id })
    .andWhere(rule.sql, rule.parameters)
    .getOne();
}

/** An attachment by database id; NOT_FOUND when it is another workspace's or hidden from the caller. */
export async function readableAttachment(caller: Caller, id: string): Promise<Attachment> {
  const attachment = await readableAttachmentOrNull(caller, id);
  if (!attachment) throw notFound('Attachment');
  return attachment;
}
