// Real scheduler wordings from ≈1.6 (`No nodes are available that match all of the predicates`) to 1.34
// (`had untolerated taint(s)`, the `preemption:` tail with `Preemption is not helpful` / `No preemption
// victims found`), as the PodScheduled condition and the FailedScheduling event carry them → the rule.
import { itMapsToRule, type Shape } from '../config/wordingBundles.ts';

const WORDINGS: [Shape, string, string][] = [
  ["condition:Unschedulable", "unschedulable-resources", "0/3 nodes are available: 3 Insufficient cpu."],
  ["condition:Unschedulable", "unschedulable-resources", "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."],
  ["condition:Unschedulable", "unschedulable-resources", "0/3 nodes are available: 3 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."],
  ["condition:Unschedulable", "unschedulable-resources", "0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.."],
  ["condition:Unschedulable", "unschedulable-resources", "0/3 nodes are available: 3 Too many pods."],
  ["condition:Unschedulable", "unschedulable-resources", "No nodes are available that match all of the predicates: Insufficient cpu (3)."],
  ["condition:Unschedulable", "unschedulable-resources", "0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports."],
  ["condition:Unschedulable", "unschedulable-node-selector", "0/3 nodes are available: 3 node(s) didn't match node selector."],
  ["condition:Unschedulable", "unschedulable-node-selector", "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."],
  ["condition:Unschedulable", "unschedulable-node-selector", "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity."],
  ["condition:Unschedulable", "unschedulable-node-selector", "No nodes are available that match all of the predicates: MatchNodeSelector (3)."],
  ["condition:Unschedulable", "unschedulable-node-selector", "0/3 nodes are available: 3 node(s) didn't match pod topology spread constraints."],
  ["condition:Unschedulable", "unschedulable-node-selector", "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."],
  ["condition:Unschedulable", "unschedulable-node-selector", "0/3 nodes are available: 3 node(s) didn't match pod affinity/anti-affinity, 3 node(s) didn't satisfy existing pods anti-affinity rules."],
  ["condition:Unschedulable", "unschedulable-taints", "0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.."],
  ["condition:Unschedulable", "unschedulable-taints", "0/1 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate."],
  ["condition:Unschedulable", "unschedulable-taints", "0/1 nodes are available: 1 node(s) had taints that the pod didn't tolerate."],
  ["condition:Unschedulable", "unschedulable-taints", "0/1 nodes are available: 1 node(s) had untolerated taint(s). preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."],
  ["condition:Unschedulable", "unschedulable-taints", "No nodes are available that match all of the predicates: PodToleratesNodeTaints (1)."],
  ["condition:Unschedulable", "unschedulable-taints", "0/3 nodes are available: 3 node(s) were unschedulable."],
  ["condition:Unschedulable", "unschedulable-taints", "0/3 nodes are available: 3 node(s) were not ready."],
  ["condition:Unschedulable", "unschedulable-pvc", "0/3 nodes are available: 3 node(s) had volume node affinity conflict."],
  ["condition:Unschedulable", "unschedulable-pvc", "0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind."],
  ["condition:Unschedulable", "unschedulable-pvc", "pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."],
  ["condition:Unschedulable", "unschedulable-pvc", "0/3 nodes are available: 3 pod has unbound immediate PersistentVolumeClaims."],
  ["condition:Unschedulable", "unschedulable-pvc", "0/3 nodes are available: 3 persistentvolumeclaim \"data\" not found."],
  ["condition:Unschedulable", "unschedulable-pvc", "0/3 nodes are available: persistentvolumeclaim \"data\" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."],
  ["condition:Unschedulable", "unschedulable-pvc", "persistentvolumeclaim \"data\" not found"],
  ["condition:Unschedulable", "unschedulable-pvc", "0/3 nodes are available: 3 node(s) didn't match PersistentVolume's node affinity."],
  ["condition:Unschedulable", "unschedulable-pvc", "0/3 nodes are available: 3 node(s) exceed max volume count."],
];

describe('scheduler wordings across versions → rule', () => {
  for (const [shape, rule, message] of WORDINGS) itMapsToRule(shape, rule, message);
});
