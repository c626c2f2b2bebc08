/**
 * A flow network solved for minimum-cost maximum flow by successive shortest paths: Dijkstra
 * over reduced costs with Johnson potentials. Costs are non-negative integers, so every
 * comparison is exact (floating-point reduced costs can drift below zero and break Dijkstra).
 */
export class FlowNetwork {
  private readonly firstEdge: number[];
  private readonly nextEdge: number[] = [];
  private readonly head: number[] = [];
  private readonly residual: number[] = [];
  private readonly cost: number[] = [];

  constructor(private readonly nodeCount: number) {
    this.firstEdge = new Array<number>(nodeCount).fill(-1);
  }

  /** Adds an edge and its residual twin; returns an id for flowOn. */
  addEdge(from: number, to: number, capacity: number, cost: number): number {
    if (!Number.isInteger(cost) || cost < 0) throw new RangeError(`Edge cost must be a non-negative integer: ${cost}`);
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`Edge capacity must be a non-negative integer: ${capacity}`);
    const id = this.head.length;
    this.link(from, to, capacity, cost);
    this.link(to, from, 0, -cost);
    return id;
  }

  /** Flow on an edge equals the residual capacity of its twin (ids are even, twins odd). */
  flowOn(edge: number): number {
    return this.residual[edge ^ 1];
  }

  /** Pushes as much flow as possible from source to sink, at the least total cost for that amount. */
  minCostMaxFlow(source: number, sink: number): { flow: number; cost: number } {
    const potential = new Array<number>(this.nodeCount).fill(0);
    let flow = 0;
    let cost = 0;
    for (;;) {
      const { distance, viaEdge } = this.shortestPaths(source, potential);
      if (distance[sink] === Infinity) return { flow, cost };
      distance.forEach((d, node) => {
        if (d < Infinity) potential[node] += d;
      });
      const path = this.pathTo(sink, source, viaEdge);
      const pushed = Math.min(...path.map((edge) => this.residual[edge]));
      for (const edge of path) {
        this.residual[edge] -= pushed;
        this.residual[edge ^ 1] += pushed;
        cost += pushed * this.cost[edge];
      }
      flow += pushed;
    }
  }

  private link(from: number, to: number, capacity: number, cost: number): void {
    this.head.push(to);
    this.residual.push(capacity);
    this.cost.push(cost);
    this.nextEdge.push(this.firstEdge[from]);
    this.firstEdge[from] = this.head.length - 1;
  }

  private shortestPaths(source: number, potential: readonly number[]): { distance: number[]; viaEdge: number[] } {
    const distance = new Array<number>(this.nodeCount).fill(Infinity);
    const viaEdge = new Array<number>(this.nodeCount).fill(-1);
    const queue = new MinQueue();
    distance[source] = 0;
    queue.push(0, source);
    while (queue.size > 0) {
      const [d, node] = queue.pop();
      if (d > distance[node]) continue;
      for (let edge = this.firstEdge[node]; edge !== -1; edge = this.nextEdge[edge]) {
        if (this.residual[edge] === 0) continue;
        const target = this.head[edge];
        const candidate = d + this.cost[edge] + potential[node] - potential[target];
        if (candidate < distance[target]) {
          distance[target] = candidate;
          viaEdge[target] = edge;
          queue.push(candidate, target);
        }
      }
    }
    return { distance, viaEdge };
  }

  private pathTo(sink: number, source: number, viaEdge: readonly number[]): number[] {
    const path: number[] = [];
    for (let node = sink; node !== source; node = this.head[viaEdge[node] ^ 1]) path.push(viaEdge[node]);
    return path;
  }
}

/** A binary min-heap of (priority, node); stale entries are skipped by the caller. */
class MinQueue {
  private readonly priorities: number[] = [];
  private readonly nodes: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  push(priority: number, node: number): void {
    this.priorities.push(priority);
    this.nodes.push(node);
    let child = this.nodes.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.priorities[parent] <= this.priorities[child]) break;
      this.swap(parent, child);
      child = parent;
    }
  }

  pop(): [number, number] {
    const top: [number, number] = [this.priorities[0], this.nodes[0]];
    const lastPriority = this.priorities.pop() as number;
    const lastNode = this.nodes.pop() as number;
    if (this.nodes.length > 0) {
      this.priorities[0] = lastPriority;
      this.nodes[0] = lastNode;
      this.siftDown();
    }
    return top;
  }

  private siftDown(): void {
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.nodes.length && this.priorities[left] < this.priorities[smallest]) smallest = left;
      if (right < this.nodes.length && this.priorities[right] < this.priorities[smallest]) smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.priorities[a], this.priorities[b]] = [this.priorities[b], this.priorities[a]];
    [this.nodes[a], this.nodes[b]] = [this.nodes[b], this.nodes[a]];
  }
}
