import { Injectable } from '@nestjs/common';
import { DeadLetterPageReply, DeadLetterReply, ReplayReply } from '@mentoring/contracts';
import { BACKEND_SERVICES, BackendService, Caller, ServiceApi, ServiceCallError } from '../service-api/service-api';

/** One service's dead letters, or why they could not be read. */
export interface ServiceDeadLetters {
  service: BackendService;
  total: number;
  items: DeadLetterReply[];
  unavailable?: string;
}


// The newest ones: a page ops can act on row by row (the CLI lists the rest).
const PAGE_SIZE = 100;

/** Every service's dead letters, replayed or discarded through that service's API as the ops person. */
@Injectable()
export class DeadLettersService {
  constructor(private readonly api: ServiceApi) {}

  listAll(caller: Caller): Promise<ServiceDeadLetters[]> {
    return Promise.all(BACKEND_SERVICES.map((service) => this.listOf(service, caller)));
  }

  replay(service: BackendService, id: string, caller: Caller): Promise<ReplayReply> {
    return this.api.post(service, `/v1/ops/dead-letters/${id}/replay`, caller, {}, ReplayReply);
  }

  async discard(service: BackendService, id: string, caller: Caller): Promise<void> {
    await this.api.post(service, `/v1/ops/dead-letters/${id}/discard`, caller);
  }

  private async listOf(service: BackendService, caller: Caller): Promise<ServiceDeadLetters> {
    try {
      const page = await this.api.get(service, `/v1/ops/dead-letters?limit=${PAGE_SIZE}`, caller, DeadLetterPageReply);
      return { service, total: page.total, items: page.items };
    } catch (error) {
      // One service down must not hide the others' dead letters.
      if (error instanceof ServiceCallError) return { service, total: 0, items: [], unavailable: error.message };
      throw error;
    }
  }
}
