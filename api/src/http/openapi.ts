import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the OpenAPI document: the explorer at /api/docs, the JSON at /api/docs-json. */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Callflow API')
    .setDescription(
      'Design, publish and run phone call flows. Authenticate with POST /api/auth/login and send the access token as ' +
        '`Authorization: Bearer …`. Every id is scoped to the tenant of the token: another tenant\'s ids answer 404.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}
