import { Injectable } from '@nestjs/common';
import { hashPassword, verifyPassword } from './domain/password-hash';

/**
 * The scrypt work itself, as a provider: callers run it through the HashingQueue, and tests can
 * count how many hashes were really computed.
 */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hashPassword(password);
  }

  verify(password: string, stored: string): Promise<boolean> {
    return verifyPassword(password, stored);
  }
}
