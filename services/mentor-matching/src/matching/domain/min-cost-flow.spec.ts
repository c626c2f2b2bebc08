import { FlowNetwork } from './min-cost-flow';

describe('FlowNetwork', () => {
  it('finds the cheapest way to push the most flow, rerouting earlier flow through residual edges', () => {
    // Source 0 feeds a (1) and b (2); both want x (3), only a can use y (4); sink 5.
    const network = new FlowNetwork(6);
    network.addEdge(0, 1, 1, 0);
    network.addEdge(0, 2, 1, 0);
    network.addEdge(1, 3, 1, 0);
    const aToY = network.addEdge(1, 4, 1, 1);
    const bToX = network.addEdge(2, 3, 1, 0);
    network.addEdge(3, 5, 1, 0);
    network.addEdge(4, 5, 1, 0);
    expect(network.minCostMaxFlow(0, 5)).toEqual({ flow: 2, cost: 1 });
    expect([network.flowOn(aToY), network.flowOn(bToX)]).toEqual([1, 1]);
  });

  it('stops when the sink cannot be reached', () => {
    const network = new FlowNetwork(3);
    network.addEdge(0, 1, 4, 0);
    expect(network.minCostMaxFlow(0, 2)).toEqual({ flow: 0, cost: 0 });
  });

  it('refuses negative or fractional costs, which the exact Dijkstra cannot take', () => {
    const network = new FlowNetwork(2);
    expect(() => network.addEdge(0, 1, 1, -1)).toThrow(RangeError);
    expect(() => network.addEdge(0, 1, 1, 0.5)).toThrow(RangeError);
  });
});
