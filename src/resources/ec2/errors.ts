// EC2 error codes the network kinds handle (matched with isAwsError from ../shared/aws-errors.js).

/** Codes meaning "that resource does not exist (any more)", per kind. */
export const NOT_FOUND = {
  vpc: ["InvalidVpcID.NotFound"],
  subnet: ["InvalidSubnetID.NotFound"],
  internetGateway: ["InvalidInternetGatewayID.NotFound"],
  address: ["InvalidAllocationID.NotFound", "InvalidAddress.NotFound"],
  natGateway: ["NatGatewayNotFound", "InvalidNatGatewayID.NotFound"],
  routeTable: ["InvalidRouteTableID.NotFound"],
  association: ["InvalidAssociationID.NotFound"],
  route: ["InvalidRoute.NotFound"],
} as const;

/** Something still uses the resource (often only for a while: AWS is eventually consistent). */
export const DEPENDENCY_VIOLATION = "DependencyViolation";
