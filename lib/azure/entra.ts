/**
 * The Azure VPN Client application IDs that Microsoft Entra ID point-to-site authentication
 * uses as `aad_audience` (https://learn.microsoft.com/azure/vpn-gateway/openvpn-azure-ad-tenant).
 */

/** The Microsoft-registered Azure VPN Client audience (Azure Public). */
export const MICROSOFT_REGISTERED_AUDIENCE = 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8';
/** The manually registered Azure VPN Client app ID for Azure Public; it retires March 31, 2028. */
export const MANUAL_PUBLIC_AUDIENCE = '41b23e61-6c1e-4545-b367-cd054e0ed4b4';
/** Manually registered Azure VPN Client app IDs of the sovereign clouds (Government, Germany, 21Vianet). */
export const MANUAL_SOVEREIGN_AUDIENCES = new Set([
  '51bb15d4-3a4f-4ebf-9dca-40096fe32426',
  '538ee9e6-310a-468d-afef-ea97365856a9',
  '49f817b6-84ae-4cc0-928c-73f27289b3aa',
]);
