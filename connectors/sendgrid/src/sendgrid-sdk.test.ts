import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONSchema } from '@patchbay/contract';
import { readVendorDeclarations, vendorPackageDirectory, type VendorDeclarations } from '@patchbay/connector-kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { SendgridModule } from './index.js';

/**
 * SendGrid's official Node packages describe one endpoint: `@sendgrid/mail` sends
 * `POST /v3/mail/send`, with the v3 JSON body typed by `@sendgrid/helpers` (`MailJSON`). The
 * Marketing Campaigns, templates, suppressions and stats endpoints have no typed description on
 * npm: `@sendgrid/client` sends any URL it is given, and SendGrid's OpenAPI documents are
 * published only in its GitHub repository (sendgrid/sendgrid-oai), not as a package.
 */
const notDescribedOnNpm = ['contacts.upsert', 'contacts.search', 'lists.list', 'templates.list', 'bounces.list', 'stats.get'];
/**
 * `MailJSON` types `subject` and `content` as present, but the API sends a mail without them when
 * a `template_id` supplies both, which is how dynamic templates are used.
 */
const templateSupplied = ['subject', 'content'];

let declarations: VendorDeclarations;
let mailService: string;

beforeAll(() => {
  const helpers = join(vendorPackageDirectory('@sendgrid/helpers', import.meta.url), 'classes');
  declarations = readVendorDeclarations(['mail.d.ts', 'personalization.d.ts', 'attachment.d.ts', 'email-address.d.ts'].map((file) => join(helpers, file)));
  mailService = readFileSync(join(vendorPackageDirectory('@sendgrid/mail', import.meta.url), 'src', 'classes', 'mail-service.js'), 'utf8');
});

const mailSend = SendgridModule.operations['mail.send']!;
type ObjectSchema = { properties?: Record<string, JSONSchema>; required?: string[]; items?: JSONSchema };
const properties = (schema: JSONSchema) => schema as ObjectSchema;
const input = properties(mailSend.inputSchema);
const itemOf = (field: string) => properties(properties(input.properties![field]!).items!);

describe('SendGrid mail.send against the official @sendgrid/mail@8.1.6 and @sendgrid/helpers@8.0.0', () => {
  it('leaves out only the operations no official package describes', () => {
    expect(Object.keys(SendgridModule.operations).filter((id) => !notDescribedOnNpm.includes(id))).toEqual(['mail.send']);
  });

  it('is sent with the method and path @sendgrid/mail uses', () => {
    const request = /method: '(\w+)',\s*url: '([^']+)'/.exec(mailService);
    expect(request?.slice(1)).toEqual(['POST', '/v3/mail/send']);
    expect(`${mailSend.http!.method} ${mailSend.http!.path}`).toBe('POST /v3/mail/send');
  });

  it('names only fields of the v3 body (MailJSON), and requires what it requires', () => {
    const mail = declarations.shape('MailJSON')!;
    expect(Object.keys(input.properties!).filter((name) => !mail.names.has(name))).toEqual([]);
    expect([...mail.required].filter((name) => !templateSupplied.includes(name) && !input.required!.includes(name))).toEqual([]);
  });

  it.each([
    ['personalizations', 'PersonalizationJSON'],
    ['attachments', 'AttachmentJSON'],
    ['reply_to_list', 'EmailJSON'],
  ])('%s items carry only the fields of %s, and require what it requires', (field, type) => {
    const declared = declarations.shape(type)!;
    const item = itemOf(field);
    expect(Object.keys(item.properties!).filter((name) => !declared.names.has(name))).toEqual([]);
    expect([...declared.required].filter((name) => !(item.required ?? []).includes(name))).toEqual([]);
  });

  it('from and reply_to are EmailJSON addresses', () => {
    const email = declarations.shape('EmailJSON')!;
    for (const field of ['from', 'reply_to']) {
      const schema = properties(input.properties![field]!);
      expect(Object.keys(schema.properties!).filter((name) => !email.names.has(name)), field).toEqual([]);
      expect([...email.required].filter((name) => !(schema.required ?? []).includes(name)), field).toEqual([]);
    }
  });
});
