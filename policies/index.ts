// The CrossGuard entry point: `pulumi preview --policy-pack policies` runs this file, which serves the pack.
import { PolicyPack } from "@pulumi/policy";

import { PACK_NAME, packArgs } from "./pack";

new PolicyPack(PACK_NAME, packArgs);
