import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';

/**
 * A stand-in for a Cognito user pool: an RS256 key pair made for the test, its JWKS served over HTTP
 * on 127.0.0.1 at `<issuer>/.well-known/jwks.json` as Cognito serves it, and tokens signed like the
 * pool's ID and access tokens. Its domain's token endpoint (`<loginUrl>/oauth2/token`) records each
 * request and answers what the test set in `tokenAnswer`. No network beyond the loopback.
 */
export class TestUserPool {
  readonly clientId = 'test-app-client';
  readonly kid = 'test-key-1';
  jwksRequests = 0;
  /** The form bodies posted to the token endpoint. */
  readonly tokenRequests: URLSearchParams[] = [];
  tokenAnswer: { status: number; body: unknown } = { status: 400, body: { error: 'invalid_grant' } };
  private server?: Server;
  private privateKey?: KeyLike;
  private baseUrl = '';

  /** The user pool domain's base URL (managed login, token endpoint). */
  get loginUrl(): string {
    return this.baseUrl;
  }

  get issuer(): string {
    return `${this.baseUrl}/ap-southeast-1_TestPool`;
  }

  async start(): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    this.privateKey = privateKey;
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: this.kid, alg: 'RS256', use: 'sig' }] });
    this.server = createServer((request, response) => {
      if (request.method === 'POST' && request.url === '/oauth2/token') {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        request.on('end', () => {
          this.tokenRequests.push(new URLSearchParams(body));
          response.writeHead(this.tokenAnswer.status, { 'content-type': 'application/json' }).end(JSON.stringify(this.tokenAnswer.body));
        });
        return;
      }
      if (request.url !== '/ap-southeast-1_TestPool/.well-known/jwks.json') return void response.writeHead(404).end();
      this.jwksRequests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** An ID token as the pool issues it (the one users send): `aud` is the client, `token_use` is id. */
  idToken(claims: JWTPayload = {}, options: { expiresIn?: string | number; key?: KeyLike; kid?: string | null } = {}): Promise<string> {
    return this.sign({ sub: 'user-1', aud: this.clientId, token_use: 'id', 'cognito:groups': ['finance'], 'custom:agencies': 'STP,SXD', ...claims }, options);
  }

  /** An access token as the pool issues it: no `aud`, the client in `client_id`. */
  accessToken(claims: JWTPayload = {}): Promise<string> {
    return this.sign({ sub: 'user-1', client_id: this.clientId, token_use: 'access', 'cognito:groups': ['finance'], ...claims }, {});
  }

  private sign(claims: JWTPayload, options: { expiresIn?: string | number; key?: KeyLike; kid?: string | null }): Promise<string> {
    const header = options.kid === null ? { alg: 'RS256' } : { alg: 'RS256', kid: options.kid ?? this.kid };
    return new SignJWT(claims)
      .setProtectedHeader(header)
      .setIssuer(claims.iss ?? this.issuer)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(options.key ?? this.privateKey!);
  }
}
