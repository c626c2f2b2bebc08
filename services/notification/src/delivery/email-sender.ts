import { Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { SendMailOptions, SMTPSentMessageInfo, Transporter } from 'nodemailer';
import { NotificationConfig } from '../config/notification.config';
import { SmtpFailure } from './domain';

export type SendResult = { accepted: true; response: string } | { accepted: false; failure: SmtpFailure };

/** Email over SMTP, one connection per message, so a server that went away costs one failed attempt, not a stuck pool. */
@Injectable()
export class EmailSender implements OnModuleDestroy {
  private readonly transport: Transporter<SMTPSentMessageInfo>;

  constructor(config: NotificationConfig) {
    const timeout = config.SMTP_TIMEOUT_MS;
    this.transport = nodemailer.createTransport({
      url: config.SMTP_URL,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      dnsTimeout: timeout,
    });
  }

  /** Never throws: the server's answer, or why there was none. */
  async send(mail: SendMailOptions): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail(mail);
      return { accepted: true, response: info.response };
    } catch (error) {
      const failure = error as Partial<SmtpFailure>;
      return {
        accepted: false,
        failure: { code: failure.code, responseCode: failure.responseCode, response: failure.response, message: String(failure.message ?? error) },
      };
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
