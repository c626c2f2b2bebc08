import { Injectable } from '@nestjs/common';
import {
  CounterReading,
  lagByGroupAndTopic,
  parsePrometheusText,
  partitionLagOf,
  PipelineLoad,
  pipelineLoadOf,
  Readiness,
  readinessOf,
  Sample,
  SloStatus,
  sloStatusOf,
  Throughput,
  throughputBetween,
  TopicLag,
  UNREACHABLE,
} from '@mentoring/observability';
import { setTimeout as sleep } from 'node:timers/promises';
import { BACKEND_SERVICES, BackendService, ServiceApi } from '../service-api/service-api';
import { ServiceHealth } from './domain/pipeline-page';

// A rate needs two scrapes. The previous page view's scrape is used when it is recent enough to
// describe "now"; otherwise the page takes a second scrape this long after the first.
const SECOND_SCRAPE_AFTER_MS = 1_000;
const PREVIOUS_SCRAPE_USABLE_FOR_MS = 5 * 60_000;

interface Scrape {
  reading: CounterReading;
  load: PipelineLoad;
  lag: TopicLag[];
}

/**
 * Readiness, consumer lag, outbox backlog and throughput of every service, from the same
 * /health/ready and /metrics the ops CLI reads (the summarising lives in @mentoring/observability).
 */
@Injectable()
export class PipelineHealthService {
  private readonly previousReadings = new Map<BackendService, CounterReading>();

  constructor(private readonly api: ServiceApi) {}

  overview(): Promise<ServiceHealth[]> {
    return Promise.all(BACKEND_SERVICES.map((service) => this.healthOf(service)));
  }

  /** The promises to students, from every service's /metrics (a service that cannot be read reports nothing). */
  async promises(): Promise<SloStatus[]> {
    const scrapes = await Promise.all(BACKEND_SERVICES.map(async (service) => [service, await this.samplesOf(service)] as const));
    return sloStatusOf(Object.fromEntries(scrapes));
  }

  private async samplesOf(service: BackendService): Promise<Sample[]> {
    try {
      const { status, text } = await this.api.fetchPublic(service, '/metrics');
      return status === 200 ? parsePrometheusText(text) : [];
    } catch {
      return [];
    }
  }

  private async healthOf(service: BackendService): Promise<ServiceHealth> {
    const readiness = await this.readinessOf(service);
    if (readiness.state === 'unreachable') return { service, readiness, lag: [] };
    const scrape = await this.scrape(service);
    if (!scrape) return { service, readiness, lag: [] };
    const throughput = await this.throughputSince(service, scrape.reading);
    return { service, readiness, load: scrape.load, throughput, lag: scrape.lag };
  }

  private async readinessOf(service: BackendService): Promise<Readiness> {
    try {
      const { status, text } = await this.api.fetchPublic(service, '/health/ready');
      return readinessOf(status, parseJson(text));
    } catch {
      return UNREACHABLE;
    }
  }

  private async scrape(service: BackendService): Promise<Scrape | undefined> {
    try {
      const { status, text } = await this.api.fetchPublic(service, '/metrics');
      if (status !== 200) return undefined;
      const samples = parsePrometheusText(text);
      const load = pipelineLoadOf(samples);
      return { reading: { at: Date.now(), consumed: load.consumed, produced: load.produced }, load, lag: lagByGroupAndTopic(partitionLagOf(samples)) };
    } catch {
      return undefined;
    }
  }

  private async throughputSince(service: BackendService, latest: CounterReading): Promise<Throughput | undefined> {
    const previous = this.previousReadings.get(service);
    const age = previous ? latest.at - previous.at : Infinity;
    let earlier = previous;
    let later = latest;
    if (!previous || age < SECOND_SCRAPE_AFTER_MS || age > PREVIOUS_SCRAPE_USABLE_FOR_MS) {
      await sleep(SECOND_SCRAPE_AFTER_MS);
      earlier = latest;
      later = (await this.scrape(service))?.reading ?? latest;
    }
    this.previousReadings.set(service, later);
    return earlier && throughputBetween(earlier, later);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
