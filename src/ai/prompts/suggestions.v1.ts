import { ChatPromptTemplate } from '@langchain/core/prompts';
import { DATA_RULES } from './prompt-data';

export const PROMPT_VERSION = 'suggestions.v1';

const SYSTEM = `You suggest replies that a customer-support agent can send with one click.

${DATA_RULES}

Write three different replies in {language}, best first, each ready to send to the customer as the agent's next message:
- answer the customer's latest open request or question; when information is missing, ask for exactly what is needed;
- friendly, professional, at most 3 short sentences, no placeholders for things the agent must fill in, unless unavoidable;
- never promise refunds, discounts or dates that the agents have not already offered in the data;
- follow the tone and wording of the workspace's saved replies when they fit.
{exclusions}`;

const HUMAN = `Saved replies of this workspace (style examples, may not fit):
{examples}

{data}

Suggest the agent's next reply.`;

export const suggestionsPromptV1 = ChatPromptTemplate.fromMessages([
  ['system', SYSTEM],
  ['human', HUMAN],
]);
