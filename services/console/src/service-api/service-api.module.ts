import { Global, Module } from '@nestjs/common';
import { ServiceApi } from './service-api';

/** The platform services' REST APIs, for every page module. */
@Global()
@Module({ providers: [ServiceApi], exports: [ServiceApi] })
export class ServiceApiModule {}
