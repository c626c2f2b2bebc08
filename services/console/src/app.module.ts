import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { webPlatformModules } from '@mentoring/platform';
import { ACCOUNT_ENTITIES, ACCOUNT_MIGRATIONS } from './accounts/infrastructure';
import { ConsoleConfig, SERVICE_NAME } from './config/console.config';
import { MentorModule } from './mentor/mentor.module';
import { CoordinatorModule } from './coordinator/coordinator.module';
import { OpsModule } from './ops/ops.module';
import { ServiceApiModule } from './service-api/service-api.module';
import { SignInModule } from './sign-in/sign-in.module';
import { STUDENT_LINK_MIGRATIONS } from './student-links/infrastructure';
import { StudentLinksModule } from './student-links/student-links.module';
import { webMiddleware } from './web/security-headers';
import { WebModule } from './web/web.module';

/**
 * The console: no Kafka of its own. It reads and acts through the services' REST APIs as the
 * signed-in person, and keeps only accounts and sessions in its database.
 */
@Module({})
export class AppModule implements NestModule {
  static register(config: ConsoleConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...webPlatformModules(config, { serviceName: SERVICE_NAME, entities: ACCOUNT_ENTITIES, migrations: [...ACCOUNT_MIGRATIONS, ...STUDENT_LINK_MIGRATIONS] }),
        ServiceApiModule,
        WebModule,
        SignInModule,
        MentorModule,
        StudentLinksModule,
        CoordinatorModule,
        OpsModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(...webMiddleware).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
