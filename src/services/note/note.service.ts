import { Note } from '../../entities/note.entity';
import { Conversation } from '../../entities/conversation.entity';
import { BusinessRuleError, notFound, UserErrorCode } from '../errors';
import { EventType } from '../../realtime/event-types';
import { type Caller } from '../caller';
import { assertMayAct } from '../conversation/conversation-workflow.service';
import { inTransaction } from '../unit-of-work';

const MAX_NOTE = 10_000;

/** An internal note: stored and announced to the team, never sent to the customer. */
export async function createNote(
  caller: Caller,
  input: { conversationId: string; body: string },
): Promise<{ note: Note; conversation: Conversation }> {
  const body = input.body.trim();
  if (body === '' || body.length > MAX_NOTE) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, `A note needs 1 to ${MAX_NOTE} characters.`, [
      'input',
      'body',
    ]);
  }
  const { deps, viewer } = caller;
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    const conversation = await uow.manager.findOne(Conversation, {
      where: { id: input.conversationId, workspaceId: viewer.workspaceId },
    });
    if (!conversation) throw notFound('Conversation');
    assertMayAct(viewer, conversation);
    const note = await uow.manager.save(
      uow.manager.create(Note, {
        workspaceId: viewer.workspaceId,
        conversationId: conversation.id,
        authorId: viewer.principal.kind === 'agent' ? viewer.principal.agent.id : null,
        body,
        createdAt: deps.clock.now(),
      }),
    );
    uow.emit({
      type: EventType.CONVERSATION_UPDATED,
      conversationId: conversation.id,
      assigneeId: conversation.assigneeId,
      payload: { conversationId: conversation.id, noteId: note.id, events: [] },
    });
    return { note, conversation };
  });
}
