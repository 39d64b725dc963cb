/** The `type` values of a virtual network gateway connection. */
export const IPSEC = 'IPsec';
export const VNET2VNET = 'Vnet2Vnet';
export const EXPRESS_ROUTE = 'ExpressRoute';
export const CONNECTION_TYPES: readonly string[] = [IPSEC, VNET2VNET, EXPRESS_ROUTE];

/** The `type` value of an ExpressRoute virtual network gateway (`Vpn` for VPN gateways). */
export const EXPRESS_ROUTE_GATEWAY = 'ExpressRoute';
