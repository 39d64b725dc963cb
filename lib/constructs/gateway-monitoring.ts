import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { INPUT_ERRORS, VpnConfigError } from '../private/construct-errors';

/**
 * A resource log category of a virtual network gateway (`Microsoft.Network/virtualNetworkGateways`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/monitor-vpn-gateway-reference
 */
export class GatewayLogCategory {
  /** Configuration events: changes to the gateway and its connections. */
  public static readonly GATEWAY_DIAGNOSTIC_LOG = new GatewayLogCategory('GatewayDiagnosticLog');
  /** Tunnel state changes: connects, disconnects, reasons. */
  public static readonly TUNNEL_DIAGNOSTIC_LOG = new GatewayLogCategory('TunnelDiagnosticLog');
  /** Route changes: static routes and BGP events. */
  public static readonly ROUTE_DIAGNOSTIC_LOG = new GatewayLogCategory('RouteDiagnosticLog');
  /** IKE control messages and events on the gateway. */
  public static readonly IKE_DIAGNOSTIC_LOG = new GatewayLogCategory('IKEDiagnosticLog');
  /** Point-to-site control messages and events. */
  public static readonly P2S_DIAGNOSTIC_LOG = new GatewayLogCategory('P2SDiagnosticLog');

  /** Every category above. */
  public static all(): GatewayLogCategory[] {
    return [
      GatewayLogCategory.GATEWAY_DIAGNOSTIC_LOG,
      GatewayLogCategory.TUNNEL_DIAGNOSTIC_LOG,
      GatewayLogCategory.ROUTE_DIAGNOSTIC_LOG,
      GatewayLogCategory.IKE_DIAGNOSTIC_LOG,
      GatewayLogCategory.P2S_DIAGNOSTIC_LOG,
    ];
  }

  /** A category Azure added after this library was written, by its exact name. */
  public static of(name: string): GatewayLogCategory {
    return new GatewayLogCategory(name);
  }

  private constructor(
    /** The category name, as Azure spells it. */
    public readonly name: string,
  ) {}
}

/**
 * A resource log category of a public IP address (`Microsoft.Network/publicIPAddresses`): the
 * DDoS protection logs, which Azure writes when DDoS protection covers the address.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-network-publicipaddresses-logs
 */
export class PublicIpLogCategory {
  /** DDoS protection notifications. */
  public static readonly DDOS_PROTECTION_NOTIFICATIONS = new PublicIpLogCategory('DDoSProtectionNotifications');
  /** Flow logs of DDoS mitigation decisions. */
  public static readonly DDOS_MITIGATION_FLOW_LOGS = new PublicIpLogCategory('DDoSMitigationFlowLogs');
  /** Reports of DDoS mitigations. */
  public static readonly DDOS_MITIGATION_REPORTS = new PublicIpLogCategory('DDoSMitigationReports');

  /** Every category above. */
  public static all(): PublicIpLogCategory[] {
    return [PublicIpLogCategory.DDOS_PROTECTION_NOTIFICATIONS, PublicIpLogCategory.DDOS_MITIGATION_FLOW_LOGS, PublicIpLogCategory.DDOS_MITIGATION_REPORTS];
  }

  /** A category Azure added after this library was written, by its exact name. */
  public static of(name: string): PublicIpLogCategory {
    return new PublicIpLogCategory(name);
  }

  private constructor(
    /** The category name, as Azure spells it. */
    public readonly name: string,
  ) {}
}

/**
 * Diagnostic settings (`azurerm_monitor_diagnostic_setting`) for a VPN gateway and the public
 * IPs it creates, sent to one Log Analytics workspace.
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/monitor-vpn-gateway
 */
export interface GatewayDiagnosticsOptions {
  /** Azure resource ID of the Log Analytics workspace the logs and metrics go to. */
  readonly logAnalyticsWorkspaceId: string;
  /**
   * The gateway's log categories.
   * @default GatewayLogCategory.all()
   */
  readonly gatewayLogCategories?: GatewayLogCategory[];
  /**
   * The public IPs' log categories. An empty list sends only metrics (when `metrics` is on).
   * @default PublicIpLogCategory.all()
   */
  readonly publicIpLogCategories?: PublicIpLogCategory[];
  /**
   * Send `AllMetrics` of the gateway and the public IPs as well.
   * @default true
   */
  readonly metrics?: boolean;
  /**
   * Send logs to resource-specific tables instead of `AzureDiagnostics`
   * (`log_analytics_destination_type = "Dedicated"`).
   * @default - Azure's default (AzureDiagnostics)
   */
  readonly dedicatedTables?: boolean;
  /**
   * Name of each diagnostic setting.
   * @default `<resource name>-diagnostics`
   */
  readonly name?: string;
}

/**
 * The level of a management lock (`lock_level`).
 *
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources
 */
export class ManagementLockLevel {
  /**
   * Users can read and change the resource but not delete it. The usual choice for a gateway:
   * Terraform can still update it.
   */
  public static readonly CAN_NOT_DELETE = new ManagementLockLevel('CanNotDelete');
  /**
   * Users can only read the resource. The lock is inherited by child resources (the gateway's NAT
   * rules), so Terraform can change neither the gateway nor its NAT rules until the lock is
   * removed (`gw.lock.read-only`).
   */
  public static readonly READ_ONLY = new ManagementLockLevel('ReadOnly');

  private constructor(
    /** The `lock_level` value. */
    public readonly level: string,
  ) {}
}

/** What `addDiagnosticSetting` and `addManagementLock` need to know about the resource. @internal */
export interface MonitoredResource {
  readonly scope: Construct;
  readonly id: string;
  readonly targetResourceId: string;
  readonly resourceName: string;
  readonly provider?: TerraformProvider;
}

/** A diagnostic setting for one resource; categories empty and metrics off is refused. @internal */
export function addDiagnosticSetting(resource: MonitoredResource, options: GatewayDiagnosticsOptions, categories: string[]): MonitorDiagnosticSetting {
  const metrics = options.metrics ?? true;
  if (categories.length === 0 && !metrics) {
    throw new VpnConfigError(
      INPUT_ERRORS.MISSING,
      `the diagnostic setting of ${resource.resourceName} would send nothing (no log category and metrics off), and Azure refuses an empty diagnostic setting; list a category or leave metrics on`,
      resource.scope,
    );
  }
  return new MonitorDiagnosticSetting(resource.scope, resource.id, {
    name: options.name ?? `${resource.resourceName}-diagnostics`,
    targetResourceId: resource.targetResourceId,
    logAnalyticsWorkspaceId: options.logAnalyticsWorkspaceId,
    logAnalyticsDestinationType: options.dedicatedTables ? 'Dedicated' : undefined,
    enabledLog: categories.length > 0 ? categories.map((category) => ({ category })) : undefined,
    enabledMetric: metrics ? [{ category: 'AllMetrics' }] : undefined,
    provider: resource.provider,
  });
}

/** A management lock on one resource. @internal */
export function addManagementLock(resource: MonitoredResource, level: ManagementLockLevel): ManagementLock {
  return new ManagementLock(resource.scope, resource.id, {
    name: `${resource.resourceName}-lock`,
    scope: resource.targetResourceId,
    lockLevel: level.level,
    notes: `Managed by Terraform: protects ${resource.resourceName}, which on-premises devices and clients depend on`,
    provider: resource.provider,
  });
}
