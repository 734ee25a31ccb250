// One call per operation of every connector in this repository, against its stand-in in
// @patchbay/stand-ins: what `record-stand-in-fixtures.mjs` records into connectors/<name>/fixtures/.
// Steps run in order; `input` gets the stand-in and the data of the steps before it (`data[op]`),
// so an operation that needs an id made by another one gets a real one.
import * as standIns from '@patchbay/stand-ins';

const doc = (text) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const title = (content) => ({ title: [{ type: 'text', text: { content } }] });
const leads = { baseId: 'appStandIn0000001', tableIdOrName: 'Leads' };
const repo = { owner: 'octo-org', repo: 'hello-world' };

export const standInCalls = {
  airtable: {
    start: standIns.startAirtableStandIn,
    connect: (standIn) => ({ credentials: { token: standIn.token }, config: { baseUrl: standIn.apiUrl } }),
    steps: [
      ['bases.list', () => ({})],
      ['tables.list', () => ({ baseId: leads.baseId })],
      ['records.create', () => ({ ...leads, records: [{ fields: { Name: 'Ada Lovelace' } }] })],
      ['records.list', () => ({ ...leads, pageSize: 3 })],
      ['records.get', ({ data }) => ({ ...leads, recordId: data['records.create'].records[0].id })],
      ['records.update', ({ data }) => ({ ...leads, records: [{ id: data['records.create'].records[0].id, fields: { Status: 'Won' } }] })],
      ['records.delete', ({ data }) => ({ ...leads, records: [data['records.create'].records[0].id] })],
    ],
  },
  github: {
    start: standIns.startGithubStandIn,
    connect: (standIn) => ({ credentials: { token: standIn.token }, config: { baseUrl: standIn.url } }),
    steps: [
      ['users.me', () => ({})],
      ['repos.get', () => repo],
      ['issues.list', () => ({ ...repo, state: 'open' })],
      ['issues.create', () => ({ ...repo, title: 'Found a bug', labels: ['bug'] })],
      ['issues.get', ({ data }) => ({ ...repo, issue_number: data['issues.create'].number })],
      ['issues.update', ({ data }) => ({ ...repo, issue_number: data['issues.create'].number, state: 'closed', state_reason: 'completed' })],
      ['issues.createComment', ({ data }) => ({ ...repo, issue_number: data['issues.create'].number, body: 'Fixed.' })],
      ['pulls.list', () => ({ ...repo, state: 'all' })],
    ],
  },
  'google-sheets': {
    start: standIns.startGoogleSheetsStandIn,
    connect: (standIn) => ({ credentials: { accessToken: 'ya29.standin_access' }, config: { baseUrl: `${standIn.url}/v4` } }),
    steps: [
      ['spreadsheets.create', () => ({ properties: { title: 'Budget' } })],
      ['spreadsheets.get', ({ standIn }) => ({ spreadsheetId: standIn.spreadsheetId, fields: 'sheets.properties' })],
      ['spreadsheets.batchUpdate', ({ standIn }) => ({ spreadsheetId: standIn.spreadsheetId, requests: [{ addSheet: { properties: { title: 'Archive' } } }] })],
      ['spreadsheets.values.get', ({ standIn }) => ({ spreadsheetId: standIn.spreadsheetId, range: "'Sales 2026'!A1:C3", valueRenderOption: 'UNFORMATTED_VALUE' })],
      ['spreadsheets.values.update', ({ standIn }) => ({ spreadsheetId: standIn.spreadsheetId, range: 'Notes!A1', valueInputOption: 'RAW', values: [['hello']] })],
      ['spreadsheets.values.append', ({ standIn }) => ({ spreadsheetId: standIn.spreadsheetId, range: 'Notes!A:A', valueInputOption: 'RAW', values: [['appended']] })],
      ['spreadsheets.values.clear', ({ standIn }) => ({ spreadsheetId: standIn.spreadsheetId, range: 'Notes!D1:E2' })],
      ['spreadsheets.values.batchGet', ({ standIn }) => ({ spreadsheetId: standIn.spreadsheetId, ranges: ['Notes!A1', "'Sales 2026'!A1:A2"] })],
      ['spreadsheets.values.batchUpdate', ({ standIn }) => ({ spreadsheetId: standIn.spreadsheetId, valueInputOption: 'RAW', data: [{ range: 'Notes!B1', values: [['b']] }] })],
    ],
  },
  hubspot: {
    start: standIns.startHubspotStandIn,
    connect: (standIn) => ({ credentials: { token: standIn.token }, config: { baseUrl: standIn.url } }),
    steps: [
      ['contacts.create', () => ({ properties: { email: 'ada@example.com', firstname: 'Ada' } })],
      ['contacts.get', ({ data }) => ({ contactId: data['contacts.create'].id, properties: ['email', 'firstname'] })],
      ['contacts.update', ({ data }) => ({ contactId: data['contacts.create'].id, properties: { lastname: 'Lovelace' } })],
      ['contacts.list', () => ({ limit: 2 })],
      ['contacts.search', () => ({ query: 'ada' })],
      ['companies.create', () => ({ properties: { name: 'Hooli', domain: 'hooli.com' } })],
      ['companies.get', ({ data }) => ({ companyId: data['companies.create'].id })],
      [
        'deals.create',
        ({ data }) => ({
          properties: { dealname: 'Hooli expansion', amount: 12000, pipeline: 'default', dealstage: 'qualifiedtobuy' },
          associations: [{ to: { id: data['companies.create'].id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 5 }] }],
        }),
      ],
      ['deals.update', ({ data }) => ({ dealId: data['deals.create'].id, properties: { dealstage: 'closedwon' } })],
    ],
  },
  jira: {
    start: standIns.startJiraStandIn,
    connect: (standIn) => ({ credentials: { email: standIn.email, apiToken: standIn.apiToken }, config: { baseUrl: standIn.url } }),
    steps: [
      ['myself.get', () => ({})],
      ['issues.search', () => ({ jql: 'project = PB', maxResults: 2 })],
      ['issues.get', () => ({ issueIdOrKey: 'PB-3', fields: ['summary', 'status'] })],
      ['issues.create', () => ({ fields: { project: { key: 'PB' }, summary: 'Checkout fails on Safari', issuetype: { name: 'Bug' }, description: doc('Steps to reproduce') } })],
      ['issues.update', () => ({ issueIdOrKey: 'PB-3', fields: { summary: 'Checkout fails on Safari 18' } })],
      ['issues.getTransitions', () => ({ issueIdOrKey: 'PB-3' })],
      ['issues.doTransition', () => ({ issueIdOrKey: 'PB-3', transition: { id: '31' } })],
      ['issues.addComment', () => ({ issueIdOrKey: 'PB-4', body: doc('Looking into it') })],
    ],
  },
  linear: {
    start: standIns.startLinearStandIn,
    connect: (standIn) => ({ credentials: { apiKey: standIn.apiKey }, config: { baseUrl: standIn.url } }),
    steps: [
      ['viewer', () => ({})],
      ['teams.list', () => ({ first: 1 })],
      ['issues.list', () => ({ first: 2 })],
      ['issues.get', () => ({ id: 'ENG-7' })],
      ['issues.create', ({ standIn }) => ({ teamId: standIn.state.teams[0].id, title: 'Checkout fails', priority: 1 })],
      ['issues.update', ({ data }) => ({ id: data['issues.create'].data.issueCreate.issue.id, stateId: 'state-done' })],
      ['comments.create', ({ data }) => ({ issueId: data['issues.create'].data.issueCreate.issue.id, body: 'Fixed in **v2.1**.' })],
      ['projects.list', () => ({})],
    ],
  },
  notion: {
    start: standIns.startNotionStandIn,
    connect: (standIn) => ({ credentials: { token: standIn.token }, config: { baseUrl: standIn.apiUrl } }),
    steps: [
      ['users.me', () => ({})],
      ['databases.retrieve', ({ standIn }) => ({ database_id: standIn.databaseId })],
      ['databases.query', ({ standIn }) => ({ database_id: standIn.databaseId, page_size: 2 })],
      ['pages.create', ({ standIn }) => ({ parent: { database_id: standIn.databaseId }, properties: { Name: title('Launch plan') } })],
      ['pages.retrieve', ({ standIn }) => ({ page_id: standIn.pageId })],
      ['pages.update', ({ data }) => ({ page_id: data['pages.create'].id, properties: { Name: title('Launch plan v2') } })],
      ['blocks.children.list', ({ standIn }) => ({ block_id: standIn.pageId, page_size: 4 })],
      ['blocks.children.append', ({ standIn }) => ({ block_id: standIn.pageId, children: [{ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'Hello' } }] } }] })],
      ['search', () => ({ query: 'roadmap', filter: { property: 'object', value: 'page' } })],
    ],
  },
  openai: {
    start: standIns.startOpenaiStandIn,
    connect: (standIn) => ({ credentials: { apiKey: standIn.apiKey }, config: { baseUrl: standIn.apiUrl } }),
    steps: [
      ['chat.completions.create', () => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello there' }], temperature: 0.2, max_completion_tokens: 50 })],
      ['embeddings.create', () => ({ model: 'text-embedding-3-small', input: ['one', 'two'], dimensions: 4 })],
      ['moderations.create', () => ({ input: 'I will attack the castle', model: 'omni-moderation-latest' })],
      ['images.generate', () => ({ model: 'dall-e-3', prompt: 'a lighthouse at dusk', size: '1024x1024' })],
      ['models.list', () => ({})],
      ['models.retrieve', () => ({ model: 'gpt-4o' })],
      ['files.create', () => ({ purpose: 'batch', file: { filename: 'requests.jsonl', content: Buffer.from('{"prompt":"hi"}\n').toString('base64'), contentType: 'application/jsonl' } })],
      ['files.list', () => ({ limit: 3 })],
    ],
  },
  sendgrid: {
    start: standIns.startSendgridStandIn,
    connect: (standIn) => ({ credentials: { apiKey: standIn.apiKey }, config: { baseUrl: standIn.url } }),
    steps: [
      [
        'mail.send',
        () => ({
          personalizations: [{ to: [{ email: 'ada@example.com', name: 'Ada' }] }],
          from: { email: 'hello@example.com', name: 'Example' },
          subject: 'Welcome',
          content: [{ type: 'text/plain', value: 'Hello Ada' }],
        }),
      ],
      ['contacts.upsert', () => ({ list_ids: ['list-1'], contacts: [{ email: 'new@example.com', first_name: 'New' }] })],
      ['contacts.search', () => ({ query: "email LIKE 'a%'" })],
      ['lists.list', () => ({ page_size: 10 })],
      ['templates.list', () => ({ generations: 'dynamic', page_size: 10 })],
      ['bounces.list', () => ({ limit: 3 })],
      ['stats.get', () => ({ start_date: '2026-01-01', end_date: '2026-01-03', aggregated_by: 'day' })],
    ],
  },
  slack: {
    start: standIns.startSlackStandIn,
    connect: (standIn) => ({ credentials: { token: standIn.token }, config: { baseUrl: standIn.apiUrl } }),
    steps: [
      ['auth.test', () => ({})],
      ['chat.postMessage', () => ({ channel: 'C0RANDOM', text: 'Deploy finished :rocket:', unfurl_links: false })],
      ['chat.update', ({ data }) => ({ channel: 'C0RANDOM', ts: data['chat.postMessage'].ts, text: 'Deploy finished (v2)' })],
      ['conversations.list', () => ({ limit: 2 })],
      ['conversations.history', () => ({ channel: 'C0GENERAL', limit: 2 })],
      ['conversations.create', () => ({ name: 'release-train' })],
      ['users.lookupByEmail', () => ({ email: 'alice@example.com' })],
      ['users.info', () => ({ user: 'U0BOB' })],
      ['reactions.add', () => ({ channel: 'C0GENERAL', timestamp: '1700000001.000100', name: 'eyes' })],
      ['messages.new', () => ({ channel: 'C0GENERAL', limit: 5 })],
    ],
  },
  stripe: {
    start: standIns.startStripeStandIn,
    connect: (standIn) => ({ credentials: { apiKey: standIn.apiKey }, config: { baseUrl: standIn.url } }),
    steps: [
      ['customers.create', () => ({ email: 'ada@example.com', name: 'Ada Lovelace', metadata: { plan: 'pro' } })],
      ['customers.retrieve', ({ data }) => ({ customer: data['customers.create'].id })],
      ['customers.list', () => ({ limit: 3 })],
      ['paymentIntents.create', ({ data }) => ({ amount: 4200, currency: 'usd', customer: data['customers.create'].id, payment_method: 'pm_card_visa', confirm: true })],
      ['paymentIntents.retrieve', ({ data }) => ({ intent: data['paymentIntents.create'].id })],
      ['subscriptions.create', ({ data }) => ({ customer: data['customers.create'].id, items: [{ price: 'price_basic', quantity: 2 }] })],
      ['invoices.list', ({ data }) => ({ customer: data['customers.create'].id, limit: 3 })],
      ['refunds.create', ({ data }) => ({ payment_intent: data['paymentIntents.create'].id, amount: 1000, reason: 'requested_by_customer' })],
      ['events.new', () => ({ limit: 3 })],
    ],
  },
  twilio: {
    start: standIns.startTwilioStandIn,
    connect: (standIn) => ({ credentials: { accountSid: standIn.accountSid, authToken: standIn.authToken }, config: { baseUrl: standIn.url } }),
    steps: [
      ['accounts.get', () => ({})],
      ['messages.create', () => ({ To: '+15558675310', From: '+15005550006', Body: 'Your order has shipped' })],
      ['messages.list', () => ({ PageSize: 2 })],
      ['messages.get', ({ data }) => ({ Sid: data['messages.create'].sid })],
      ['calls.create', () => ({ To: '+15558675310', From: '+15005550006', Url: 'https://demo.twilio.com/docs/voice.xml' })],
      ['calls.list', () => ({ Status: 'completed' })],
      ['incomingPhoneNumbers.list', () => ({ PhoneNumber: '+15005550006' })],
    ],
  },
};
