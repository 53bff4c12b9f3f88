import { isPrivateAddress, privateDeliveryReason, privateHostReason } from './webhook.address';

describe('webhook addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['10.0.0.1', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fd12:3456::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['100.128.0.1', false],
    ['2001:4860:4860::8888', false],
    ['::ffff:8.8.8.8', false],
    ['not an address', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('names why a URL is refused at registration, and lets public hosts and names through', () => {
    expect(privateHostReason('http://LOCALHOST:3000/x')).toBe('localhost is this host');
    expect(privateHostReason('http://api.localhost/x')).toBe('api.localhost is this host');
    expect(privateHostReason('http://[fe80::1]/x')).toBe('fe80::1 is a private, loopback or link-local address');
    expect(privateHostReason('https://8.8.8.8/x')).toBeNull();
    expect(privateHostReason('https://partner.example.com/x')).toBeNull();
  });

  it('checks what a name resolves to at delivery', async () => {
    // localhost is refused by name; a literal public address is not resolved at all.
    expect(await privateDeliveryReason('http://localhost:9/x')).toBe('localhost is this host');
    expect(await privateDeliveryReason('https://8.8.8.8/x')).toBeNull();
  });
});
