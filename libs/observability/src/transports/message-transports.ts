import { ExceptionFilter, INestApplication, Injectable } from '@nestjs/common';
import { CustomTransportStrategy, MicroserviceOptions, NestMicroservice } from '@nestjs/microservices';

/** A Nest microservice transport a module contributes to the hybrid application. */
export interface MessageTransport {
  strategy: CustomTransportStrategy;
  /** Filters for its handlers only; the HTTP app's filters, pipes and guards do not apply to them. */
  exceptionFilters?: ExceptionFilter[];
}

/**
 * Where modules register their transports (the messaging module registers the Kafka event
 * transport), so the common bootstrap connects them without knowing which a service has.
 */
@Injectable()
export class MessageTransports {
  private readonly registered: MessageTransport[] = [];

  register(transport: MessageTransport): void {
    this.registered.push(transport);
  }

  get all(): readonly MessageTransport[] {
    return this.registered;
  }
}

/**
 * Connects every registered transport to the initialised app and starts them (their handlers run
 * from here on). Shared by `runService` and the test harness so handlers run the same way in both.
 */
export async function startMessageTransports(app: INestApplication): Promise<void> {
  for (const { strategy, exceptionFilters = [] } of app.get(MessageTransports).all) {
    // Not inheriting the app's config keeps the bearer-auth guard and the HTTP validation pipe off
    // event handlers (events carry no token; the pipeline validates payloads). Deferred so the
    // filters are in place before Nest builds the handlers' exception zones; the app's lifecycle
    // hooks have run already and must not run a second time when the transport listens.
    const microservice = app.connectMicroservice<MicroserviceOptions>({ strategy }, { inheritAppConfig: false, deferInitialization: true });
    microservice.useGlobalFilters(...exceptionFilters);
    (microservice as NestMicroservice).setIsInitHookCalled(true);
  }
  await app.startAllMicroservices();
}
