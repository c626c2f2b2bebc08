import cookieParser from 'cookie-parser';
import helmet from 'helmet';

/**
 * Cookie parsing and security headers for every response. The CSP allows this site's stylesheet
 * and forms only: no scripts anywhere, no framing. `upgrade-insecure-requests` is dropped, or a
 * browser on http://127.0.0.1 would send form posts to an https:// port nobody listens on.
 */
export const webMiddleware = [
  cookieParser(),
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
  }),
];
