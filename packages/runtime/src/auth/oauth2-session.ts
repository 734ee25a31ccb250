import { PatchbayError, type OAuth2Auth } from '@patchbay/contract';
import { encodeUrlParameters } from '../http/url-encoding.js';
import { sendRequest } from '../http/send-request.js';
import type { Dispatcher } from 'undici';
import { concealFromInspect } from './conceal-credentials.js';

// `token` lets a personal access token stand in where a provider issues both kinds (GitHub).
const ACCESS_TOKEN_FIELDS = ['accessToken', 'access_token', 'token'];

/** Refresh this long before the recorded expiry, so a token does not lapse in flight. */
const EXPIRY_SKEW_MS = 30_000;

export interface OAuth2SessionOptions {
  auth: OAuth2Auth;
  credentials: Record<string, unknown>;
  /** Token endpoint override (a connection's own identity provider, or a stand-in). */
  tokenUrl?: string;
  dispatcher: () => Dispatcher;
  timeoutMs: number;
  onRefreshed: (credentials: Record<string, unknown>) => void | Promise<void>;
}

/**
 * The OAuth 2.0 state of one connection. Refreshes with the refresh-token grant when the token has
 * expired or the API answered 401, with exactly one refresh in flight however many calls wait.
 */
export class OAuth2Session {
  private credentials: Record<string, unknown>;
  private refreshing: Promise<string> | undefined;

  constructor(private readonly options: OAuth2SessionOptions) {
    this.credentials = options.credentials;
    concealFromInspect(this, 'OAuth2Session', () => ({ refreshing: this.refreshing !== undefined }));
  }

  /** A usable access token, refreshing first when the current one has expired. */
  async accessToken(): Promise<string | undefined> {
    if (this.refreshing) return this.refreshing;
    const token = stringField(this.credentials, ...ACCESS_TOKEN_FIELDS);
    if (token && !this.expired()) return token;
    if (!stringField(this.credentials, 'refreshToken', 'refresh_token')) return token;
    return this.refresh();
  }

  /** Refreshes after a 401 unless a refresh already replaced the rejected token. */
  async refreshAfterRejection(rejectedToken: string | undefined): Promise<string | undefined> {
    if (this.refreshing) return this.refreshing;
    const current = stringField(this.credentials, ...ACCESS_TOKEN_FIELDS);
    if (current !== rejectedToken) return current;
    if (!stringField(this.credentials, 'refreshToken', 'refresh_token')) return undefined;
    return this.refresh();
  }

  canRefresh(): boolean {
    return stringField(this.credentials, 'refreshToken', 'refresh_token') !== undefined;
  }

  private expired(): boolean {
    const raw = this.credentials.expiresAt ?? this.credentials.expires_at;
    if (raw === undefined) return false;
    const expiresAt = typeof raw === 'number' ? raw : Date.parse(String(raw));
    return !Number.isNaN(expiresAt) && expiresAt - EXPIRY_SKEW_MS <= Date.now();
  }

  private refresh(): Promise<string> {
    this.refreshing ??= this.exchange().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async exchange(): Promise<string> {
    const { auth } = this.options;
    const url = new URL(this.options.tokenUrl ?? auth.refreshUrl ?? auth.tokenUrl);
    const clientId = stringField(this.credentials, 'clientId', 'client_id');
    const clientSecret = stringField(this.credentials, 'clientSecret', 'client_secret');
    const form: Record<string, unknown> = {
      grant_type: 'refresh_token',
      refresh_token: stringField(this.credentials, 'refreshToken', 'refresh_token'),
    };
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (auth.tokenEndpointAuthMethod === 'client_secret_basic' && clientId && clientSecret) {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
    } else {
      form.client_id = clientId;
      form.client_secret = clientSecret;
    }
    const label = `OAuth2 token refresh at ${url.origin}${url.pathname}`;
    const response = await sendRequest(
      { url, method: 'POST', headers, body: encodeUrlParameters(form) },
      {
        dispatcher: this.options.dispatcher(),
        timeoutMs: this.options.timeoutMs,
        maxResponseBytes: 1_000_000,
        signal: undefined,
        describe: () => ({ label, request: { method: 'POST', url: `${url.origin}${url.pathname}`, headers: {} } }),
      },
    );
    const body = parseTokenResponse(response.body) ?? {};
    const accessToken = body.access_token;
    if (response.status >= 400 || typeof accessToken !== 'string') {
      const reason = typeof body.error === 'string' ? `: ${body.error}` : '';
      // A token endpoint that is down or busy is not a rejected grant: the call may be retried.
      const unavailable = response.status >= 500 || response.status === 429;
      throw new PatchbayError({
        code: unavailable ? (response.status === 429 ? 'RATE_LIMITED' : 'UPSTREAM_ERROR') : 'AUTH_FAILED',
        retryable: unavailable,
        status: response.status,
        message: `${label} failed with HTTP ${response.status}${reason}`,
      });
    }
    const next: Record<string, unknown> = { ...this.credentials, accessToken };
    delete next.access_token;
    delete next.token;
    if (typeof body.refresh_token === 'string') {
      next.refreshToken = body.refresh_token;
      delete next.refresh_token;
    }
    if (typeof body.expires_in === 'number' || typeof body.expires_in === 'string') {
      next.expiresAt = Date.now() + Number(body.expires_in) * 1000;
      delete next.expires_at;
    }
    this.credentials = next;
    await this.options.onRefreshed(next);
    return accessToken;
  }
}

function parseTokenResponse(body: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
}

function stringField(credentials: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = credentials[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
