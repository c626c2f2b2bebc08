import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** What the OpenAPI document says about the service. */
export interface OpenApiInfo {
  title: string;
  description: string;
  version: string;
}

/** Name of the bearer security scheme the document declares (routes needing a token refer to it). */
const BEARER_SCHEME = 'bearer';

/** Serves Swagger UI at `/docs` and the document at `/docs-json`, with JWT bearer auth required by default. */
export function setupOpenApi(app: INestApplication, info: OpenApiInfo): void {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
