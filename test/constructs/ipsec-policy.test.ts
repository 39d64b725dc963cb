import {
  DhGroup,
  IkeEncryption,
  IkeIntegrity,
  IpsecEncryption,
  IpsecIntegrity,
  IpsecPolicy,
  PfsGroup,
} from '../../lib/constructs/ipsec-policy';
import { IPSEC_ALGORITHMS, IpsecAlgorithmField } from '../../lib/azure/ipsec';

/** The values of the static constants an enum-like class declares. */
function constantValues(cls: any): string[] {
  return Object.values<any>(cls)
    .filter((v) => v instanceof cls)
    .map((v) => v.value)
    .sort();
}

describe('IpsecPolicy', () => {
  test('GIVEN the recommended policy WHEN rendered for a connection THEN it is GCMAES256/SHA384/ECP384 with a 27000 s SA lifetime', () => {
    expect(IpsecPolicy.RECOMMENDED.renderConnectionPolicy()).toEqual({
      ikeEncryption: 'GCMAES256',
      ikeIntegrity: 'SHA384',
      dhGroup: 'ECP384',
      ipsecEncryption: 'GCMAES256',
      ipsecIntegrity: 'GCMAES256',
      pfsGroup: 'ECP384',
      saLifetime: 27000,
      saDatasize: 102400000,
    });
  });

  test('GIVEN the Azure default policy WHEN rendered THEN there is no ipsec_policy block', () => {
    expect(IpsecPolicy.AZURE_DEFAULT.isAzureDefault).toBe(true);
    expect(IpsecPolicy.AZURE_DEFAULT.renderConnectionPolicy()).toBeUndefined();
    expect(IpsecPolicy.AZURE_DEFAULT.renderP2SPolicy()).toBeUndefined();
  });

  test('GIVEN a custom policy with SA limits WHEN rendered for point-to-site THEN it uses the P2S attribute names', () => {
    const policy = IpsecPolicy.custom({
      ikeEncryption: IkeEncryption.AES256,
      ikeIntegrity: IkeIntegrity.SHA256,
      dhGroup: DhGroup.DH_GROUP14,
      ipsecEncryption: IpsecEncryption.AES256,
      ipsecIntegrity: IpsecIntegrity.SHA256,
      pfsGroup: PfsGroup.PFS2048,
      saLifetimeSeconds: 3600,
      saDataSizeKilobytes: 2048,
    });
    expect(policy.isAzureDefault).toBe(false);
    expect(policy.renderP2SPolicy()).toEqual({
      ikeEncryption: 'AES256',
      ikeIntegrity: 'SHA256',
      dhGroup: 'DHGroup14',
      ipsecEncryption: 'AES256',
      ipsecIntegrity: 'SHA256',
      pfsGroup: 'PFS2048',
      saLifetimeInSeconds: 3600,
      saDataSizeInKilobytes: 2048,
    });
  });

  test('GIVEN a value Azure added after this library WHEN using of() THEN it is written as given', () => {
    const policy = IpsecPolicy.custom({
      ikeEncryption: IkeEncryption.of('AES512'),
      ikeIntegrity: IkeIntegrity.of('SHA512'),
      dhGroup: DhGroup.of('ECP521'),
      ipsecEncryption: IpsecEncryption.of('GCMAES512'),
      ipsecIntegrity: IpsecIntegrity.of('GCMAES512'),
      pfsGroup: PfsGroup.of('ECP521'),
    });
    expect(policy.renderConnectionPolicy()).toMatchObject({ ikeEncryption: 'AES512', dhGroup: 'ECP521', pfsGroup: 'ECP521', saLifetime: 27000 });
  });

  test.each<[IpsecAlgorithmField, unknown]>([
    ['ikeEncryption', IkeEncryption],
    ['ikeIntegrity', IkeIntegrity],
    ['dhGroup', DhGroup],
    ['ipsecEncryption', IpsecEncryption],
    ['ipsecIntegrity', IpsecIntegrity],
    ['pfsGroup', PfsGroup],
  ])('GIVEN the rules\' enumeration of %s WHEN compared with the enum-like class THEN every accepted value has exactly one constant', (field, cls) => {
    const accepted = IPSEC_ALGORITHMS.find((a) => a.field === field)!.accepted;
    expect(constantValues(cls)).toEqual([...accepted].sort());
  });

  test('GIVEN the enumerations WHEN reading the Azure spellings THEN they match the azurerm accepted values', () => {
    expect([DhGroup.NONE, DhGroup.DH_GROUP2048, DhGroup.DH_GROUP24].map((v) => v.value)).toEqual(['None', 'DHGroup2048', 'DHGroup24']);
    expect([PfsGroup.NONE, PfsGroup.PFSMM, PfsGroup.PFS14].map((v) => v.value)).toEqual(['None', 'PFSMM', 'PFS14']);
    expect([IpsecEncryption.NONE, IpsecEncryption.GCMAES192, IpsecEncryption.DES3].map((v) => v.value)).toEqual(['None', 'GCMAES192', 'DES3']);
  });
});
