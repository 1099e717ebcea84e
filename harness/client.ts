export interface WebhookAnswer {
  status: number;
  body: { status: string; keys: Array<{ name: string; value: string }> };
  /** The output keys as a name → value map. */
  outputs: Record<string, string>;
}

/** Calls `POST /webhook` of a running server. */
export async function callWebhook(address: string, token: string, method: string, keys: Array<{ name: string; value: unknown }>): Promise<WebhookAnswer> {
  const response = await fetch(`${address}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ method, keys }),
  });
  const body = (await response.json()) as WebhookAnswer['body'];
  return { status: response.status, body, outputs: Object.fromEntries((body.keys ?? []).map((key) => [key.name, key.value])) };
}

/** Calls the management API of a running server; answers the status and the parsed JSON body (undefined when empty). */
export async function callApi(address: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${address}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

/**
 * A call that must succeed, as seeding is: it answers the JSON body. On a
 * loaded machine it may meet the server's load shedding (503 OVERLOADED): it
 * waits as the answer asks, a few times. Any other failure, and a webhook
 * answering FAILURE, throws: a scenario seeded wrongly would measure or check
 * something else (or wait forever for its jobs).
 */
export async function mustCall(address: string, method: string, path: string, body: unknown, bearer?: string): Promise<Record<string, any>> {
  let response: Response;
  for (let attempt = 1; ; attempt++) {
    response = await fetch(`${address}${path}`, {
      method,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(bearer && { authorization: `Bearer ${bearer}` }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (response.status !== 503 || attempt === 5) break;
    const retryAfter = Number(response.headers.get('retry-after') ?? 1);
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(retryAfter, 1), 10) * 1000));
  }
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  const answer = (await response.json()) as Record<string, unknown>;
  if (path === '/webhook' && answer.status !== 'SUCCESS') throw new Error(`${method} ${path} answered ${JSON.stringify(answer).slice(0, 300)}`);
  return answer;
}
