/**
 * Azure regions that have availability zones, by programmatic name, from "Azure regions list"
 * (https://learn.microsoft.com/azure/reliability/regions-list, ms.date 09/23/2025) and the
 * sovereign-cloud regions named in "Availability zone service and regional support".
 *
 * The list only ever answers "known to have zones": a region missing from it may be new, so a
 * rule must treat absence as "not known", never as "has no zones".
 */
const REGIONS_WITH_AVAILABILITY_ZONES: ReadonlySet<string> = new Set([
  'australiaeast',
  'austriaeast',
  'belgiumcentral',
  'brazilsouth',
  'canadacentral',
  'centralindia',
  'centralus',
  'chilecentral',
  'chinanorth3',
  'denmarkeast',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'germanywestcentral',
  'indonesiacentral',
  'israelcentral',
  'italynorth',
  'japaneast',
  'japanwest',
  'koreacentral',
  'malaysiawest',
  'mexicocentral',
  'newzealandnorth',
  'northeurope',
  'norwayeast',
  'polandcentral',
  'qatarcentral',
  'southafricanorth',
  'southcentralus',
  'southeastasia',
  'spaincentral',
  'swedencentral',
  'switzerlandnorth',
  'uaenorth',
  'uksouth',
  'usgovvirginia',
  'westeurope',
  'westus2',
  'westus3',
]);

/** `West Europe`, `west europe` and `westeurope` are one location to Azure. */
export function normalizeLocation(location: string): string {
  return location.toLowerCase().replace(/[\s_-]+/g, '');
}

/** Whether the location is a region known to have availability zones. */
export function hasAvailabilityZones(location: string): boolean {
  return REGIONS_WITH_AVAILABILITY_ZONES.has(normalizeLocation(location));
}
