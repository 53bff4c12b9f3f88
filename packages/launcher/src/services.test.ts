import { createServer } from 'node:net';
import { portClash, portInUse, SERVICES } from './services.js';

describe("the services' ports", () => {
  it('are distinct by default', () => {
    expect(portClash(SERVICES, {})).toBeUndefined();
  });

  it('clash when two services are given one port, naming both and their variables', () => {
    expect(portClash(SERVICES, { CHAT_PORT: '35513', PORT: '35513' })).toBe(
      'chat (CHAT_PORT) and gateway (PORT) are both given port 35513',
    );
    expect(portClash(SERVICES, { CRM_PORT: '4002' })).toBe('crm (CRM_PORT) and memory (MEMORY_PORT) are both given port 4002');
  });

  it('are found in use while something listens on them, and free once it stops', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const { port } = server.address() as { port: number };
    expect(await portInUse(port)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(await portInUse(port)).toBe(false);
  });
});
