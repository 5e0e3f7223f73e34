import { parseAllowlist, resolveAllowedAddress } from './ssrf-guard';

const none = parseAllowlist(undefined);

describe('resolveAllowedAddress', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['10.1.2.3', '10.1.2.3'],
    ['172.20.0.1', '172.20.0.1'],
    ['192.168.1.1', '192.168.1.1'],
    ['169.254.169.254', '169.254.169.254'],
    ['100.64.0.1', '100.64.0.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['224.0.0.1', '224.0.0.1'],
    ['[::1]', '::1'],
    ['[fd00::1]', 'fd00::1'],
    ['[fe80::1]', 'fe80::1'],
    ['[::ffff:10.0.0.1]', '10.0.0.1'],
  ])('refuses %s', async (host, address) => {
    await expect(resolveAllowedAddress(host, none)).rejects.toThrow(
      `http.request refused ${host.replace(/^\[|\]$/g, '')}: ${address} is a loopback, private, link-local or reserved address (allow it with HTTP_REQUEST_ALLOWLIST)`,
    );
  });

  it.each([['93.184.215.14'], ['1.1.1.1'], ['[2606:4700::1111]']])(
    'allows the public address %s',
    async (host) => {
      await expect(resolveAllowedAddress(host, none)).resolves.toMatchObject({
        address: host.replace(/^\[|\]$/g, ''),
      });
    },
  );

  it('allows internal addresses in an allowlisted CIDR or host, and only those', async () => {
    const allowlist = parseAllowlist(' 10.0.0.0/8, internal.example ,::1');
    await expect(resolveAllowedAddress('10.9.9.9', allowlist)).resolves.toEqual({
      address: '10.9.9.9',
      family: 4,
    });
    await expect(resolveAllowedAddress('[::1]', allowlist)).resolves.toEqual({ address: '::1', family: 6 });
    await expect(resolveAllowedAddress('192.168.0.1', allowlist)).rejects.toThrow(
      '192.168.0.1 is a loopback',
    );
    await expect(resolveAllowedAddress('localhost', parseAllowlist('localhost'))).resolves.toMatchObject({
      address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) as unknown,
    });
  });

  it('resolves names and checks every address they resolve to', async () => {
    await expect(resolveAllowedAddress('localhost', none)).rejects.toThrow('http.request refused localhost');
  });
});
