/**
 * `self-schedule-server hash-password`: reads a password on stdin (one line; a trailing newline
 * is not part of it) and prints its scrypt hash, for a seed file's staff `passwordHash`. The
 * password is never an argument, so it stays out of the shell's history and the process list.
 */
import { text } from 'node:stream/consumers';
import { hashPassword } from './identity/passwords.js';

const password = (await text(process.stdin)).replace(/\r?\n$/, '');
if (!password) {
  process.stderr.write('self-schedule-server hash-password: give the password on stdin, e.g. printf %s "$PASSWORD" | self-schedule-server hash-password\n');
  process.exit(2);
}
process.stdout.write(`${await hashPassword(password)}\n`);
