import { ObjectType } from 'type-graphql';
import { ConnectionType } from '../schema/pagination';
import { Conversation } from '../entities/conversation.entity';
import { ConversationEvent } from '../entities/conversation-event.entity';
import { Customer } from '../entities/customer.entity';
import { Message } from '../entities/message.entity';
import { Note } from '../entities/note.entity';
import { Agent } from '../entities/agent.entity';
import { Team } from '../entities/team.entity';

@ObjectType({ description: 'A page of conversations.' })
export class ConversationConnection extends ConnectionType(Conversation) {}

@ObjectType({ description: 'A page of messages, oldest first.' })
export class MessageConnection extends ConnectionType(Message) {}

@ObjectType({ description: 'A page of internal notes.' })
export class NoteConnection extends ConnectionType(Note) {}

@ObjectType({ description: 'A page of conversation history entries.' })
export class ConversationEventConnection extends ConnectionType(ConversationEvent) {}

@ObjectType({ description: 'A page of customers.' })
export class CustomerConnection extends ConnectionType(Customer) {}

@ObjectType({ description: 'A page of teams.' })
export class TeamConnection extends ConnectionType(Team) {}

@ObjectType({ description: 'A page of agents.' })
export class AgentConnection extends ConnectionType(Agent) {}
