import { ChatPromptTemplate } from '@langchain/core/prompts';
import { DATA_RULES } from './prompt-data';

export const PROMPT_VERSION = 'summary.v1';

// Literal braces would be template variables: the prompt names fields instead of showing JSON.
const SYSTEM = `You help customer-support agents who take over a conversation from a bot or a colleague.
Write a handover summary so the next agent understands the case in seconds.

${DATA_RULES}

Write in {language}. Be factual and brief; do not invent facts that are not in the data.
Fields:
- summary: 2 to 4 sentences: who the customer is, what they want, what was already done or promised, what is pending. Keep order numbers, amounts, dates and product names exactly as written.
- customerRequest: one sentence with what the customer wants now.
- openQuestions: the customer's questions or requests nobody has answered yet (at most 5, empty list if none).
- mood: one of happy, calm, confused, worried, frustrated, angry.`;

const HUMAN = `Summarize this conversation for the next agent.

{data}`;

export const summaryPromptV1 = ChatPromptTemplate.fromMessages([
  ['system', SYSTEM],
  ['human', HUMAN],
]);
