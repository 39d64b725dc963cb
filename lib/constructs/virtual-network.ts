import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { markInTree } from './known-resources';

/**
 * A virtual network the library can attach a gateway to or peer with. `VirtualNetworkReference`
 * makes one from an `azurerm_virtual_network` in your stack or from the attributes of an
 * existing one.
 */
export interface IVirtualNetwork {
  /** Azure resource ID of the VNet. */
  readonly virtualNetworkId: string;
  /** Name of the VNet. */
  readonly virtualNetworkName: string;
  /** Resource group that holds the VNet. */
  readonly resourceGroupName: string;
  /**
   * Address prefixes of the VNet, for constructs that plan addresses inside it; may be a token
   * or empty when unknown. (The synth-time rules read the Terraform configuration, not this.)
   */
  readonly addressSpace: string[];
}

/**
 * The attributes of a virtual network that is not created by this library.
 */
export interface VirtualNetworkAttributes {
  /** Azure resource ID of the VNet. */
  readonly virtualNetworkId: string;
  /** Name of the VNet. */
  readonly virtualNetworkName: string;
  /** Resource group that holds the VNet. */
  readonly resourceGroupName: string;
  /**
   * Address prefixes of the VNet.
   * @default - unknown (an empty list)
   */
  readonly addressSpace?: string[];
}

/**
 * A reference to a virtual network, for props that take an `IVirtualNetwork`.
 *
 * @example VirtualNetworkReference.fromVirtualNetwork(spokeVnet)
 */
export class VirtualNetworkReference implements IVirtualNetwork {
  /** A VNet declared in this stack with the azurerm provider's `VirtualNetwork`. */
  public static fromVirtualNetwork(virtualNetwork: VirtualNetwork): VirtualNetworkReference {
    const reference = new VirtualNetworkReference(
      virtualNetwork.id,
      virtualNetwork.name,
      virtualNetwork.resourceGroupName,
      // The configured prefixes when they are in the configuration; the attribute token otherwise.
      virtualNetwork.addressSpaceInput ?? virtualNetwork.addressSpace,
    );
    markInTree(reference);
    return reference;
  }

  /** A VNet that exists outside this stack, by its attributes. */
  public static fromAttributes(attributes: VirtualNetworkAttributes): VirtualNetworkReference {
    return new VirtualNetworkReference(
      attributes.virtualNetworkId,
      attributes.virtualNetworkName,
      attributes.resourceGroupName,
      attributes.addressSpace ?? [],
    );
  }

  /** Azure resource ID of the VNet. */
  public readonly virtualNetworkId: string;
  /** Name of the VNet. */
  public readonly virtualNetworkName: string;
  /** Resource group that holds the VNet. */
  public readonly resourceGroupName: string;
  /** Address prefixes of the VNet. */
  public readonly addressSpace: string[];

  private constructor(virtualNetworkId: string, virtualNetworkName: string, resourceGroupName: string, addressSpace: string[]) {
    this.virtualNetworkId = virtualNetworkId;
    this.virtualNetworkName = virtualNetworkName;
    this.resourceGroupName = resourceGroupName;
    this.addressSpace = addressSpace;
  }
}
