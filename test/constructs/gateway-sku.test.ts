import { GatewayGeneration, GatewaySku } from '../../lib/constructs/gateway-sku';
import { VPN_SKUS } from '../../lib/azure/sku-capabilities';
import { VpnConfigError } from '../../lib/private/construct-errors';

describe('GatewaySku', () => {
  test('GIVEN the SKU matrix WHEN listing every GatewaySku THEN each matrix row has exactly one SKU with its capabilities', () => {
    const all = GatewaySku.all();
    expect(all.map((s) => s.name)).toEqual(VPN_SKUS.map((s) => s.name));
    for (const row of VPN_SKUS) {
      const sku = GatewaySku.of(row.name);
      expect(sku.maxTunnels).toBe(row.maxTunnels);
      expect(sku.maxP2SConnections).toBe(row.maxP2SIkev2OpenVpn);
      expect(sku.bgp).toBe(row.bgp);
      expect(sku.activeActive).toBe(row.activeActive);
      expect(sku.nat).toBe(row.nat);
      expect(sku.availabilityZones).toBe(row.availabilityZones);
      expect(sku.generations).toEqual(row.generations);
      expect(sku.creatable).toBe(row.creatable);
    }
  });

  test('GIVEN a known SKU name WHEN GatewaySku.of is called THEN it returns the same instance as the constant', () => {
    expect(GatewaySku.of('VpnGw2AZ')).toBe(GatewaySku.VPN_GW2_AZ);
    expect(GatewaySku.of('HighPerformance')).toBe(GatewaySku.HIGH_PERFORMANCE);
  });

  test('GIVEN the AZ SKUs WHEN reading their facts THEN they match the Azure SKU table', () => {
    expect(GatewaySku.VPN_GW1_AZ.nat).toBe(false);
    expect(GatewaySku.VPN_GW1_AZ.generations).toEqual([GatewayGeneration.GENERATION1]);
    expect(GatewaySku.VPN_GW2_AZ.nat).toBe(true);
    expect(GatewaySku.VPN_GW2_AZ.newestGeneration).toBe(GatewayGeneration.GENERATION2);
    expect(GatewaySku.VPN_GW5_AZ.maxTunnels).toBe(100);
    expect(GatewaySku.VPN_GW5_AZ.supportsGeneration(GatewayGeneration.GENERATION1)).toBe(false);
    expect(GatewaySku.BASIC.bgp).toBe(false);
    expect(GatewaySku.BASIC.customIpsecPolicy).toBe(false);
  });

  test('GIVEN the non-AZ and legacy SKUs WHEN reading creatable THEN they are expressible but not creatable, with their replacement', () => {
    expect(GatewaySku.VPN_GW1.creatable).toBe(false);
    expect(GatewaySku.VPN_GW1.replacement).toBe('VpnGw1AZ');
    expect(GatewaySku.STANDARD.legacy).toBe(true);
    expect(GatewaySku.STANDARD.creatable).toBe(false);
  });

  test('GIVEN an unknown SKU name WHEN GatewaySku.of is called without capabilities THEN it throws gw.sku.generation', () => {
    expect(() => GatewaySku.of('VpnGw9AZ')).toThrow(VpnConfigError);
    expect(() => GatewaySku.of('VpnGw9AZ')).toThrow(/^\[gw\.sku\.generation\] sku "VpnGw9AZ" is not a VPN gateway SKU/);
  });

  test('GIVEN an unknown SKU name WHEN GatewaySku.of is called with capabilities THEN the SKU carries them', () => {
    const sku = GatewaySku.of('VpnGw9AZ', {
      availabilityZones: true,
      generations: [GatewayGeneration.GENERATION2],
      maxTunnels: 200,
      maxP2SConnections: 20000,
      maxP2SSstpConnections: 128,
      bgp: true,
      activeActive: true,
      nat: true,
      customIpsecPolicy: true,
      advancedP2S: true,
    });
    expect(sku.name).toBe('VpnGw9AZ');
    expect(sku.maxTunnels).toBe(200);
    expect(sku.creatable).toBe(true);
  });

  test('GIVEN a known SKU name WHEN GatewaySku.of is also given capabilities THEN it throws and names the constant', () => {
    const caps = { availabilityZones: false, generations: [], maxTunnels: 1, maxP2SConnections: 0, maxP2SSstpConnections: 0, bgp: false, activeActive: false, nat: false, customIpsecPolicy: false, advancedP2S: false };
    expect(() => GatewaySku.of('VpnGw2AZ', caps)).toThrow(/GatewaySku\.VPN_GW2_AZ/);
    expect(() => GatewaySku.of('HighPerformance', caps)).toThrow(/GatewaySku\.HIGH_PERFORMANCE/);
  });
});
