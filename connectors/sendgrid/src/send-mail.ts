import type { OperationHandler } from '@patchbay/runtime';
import { sendgridOperations } from './operations.js';

const { method, path } = sendgridOperations['mail.send'].http;

/**
 * `mail.send`, sent as its definition says. SendGrid answers 202 with no body; the message's id,
 * which the Activity feed and the event webhook's `sg_message_id` start with, is only in the
 * X-Message-Id header, so the handler turns that header into the result.
 */
export const sendMail: OperationHandler = async (input, call) => {
  const response = await call.request({ method, path, params: input });
  return { data: { messageId: response.headers['x-message-id'] ?? null } };
};
