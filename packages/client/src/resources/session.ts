import type { Answer, Body, Schemas } from '../contract';
import { ApiError } from '../errors';
import type { HttpClient } from '../http';

export type Membership = Schemas['Membership'];
export type Me = Schemas['Me'];
export type LoggedIn = Schemas['LoggedIn'];
export type Registration = Body<'/api/v1/auth/register', 'post'>;
export type Registered = Answer<'/api/v1/auth/register', 'post', 201>;

/** Logging in and out, who I am, registering, joining a community, my password. */
export interface SessionApi {
  /** The server sets the session cookie (browsers); scripts use an API token instead. */
  login(username: string, password: string): Promise<LoggedIn>;
  logout(): Promise<void>;
  /** The signed-in account with its memberships, or null without a session. */
  me(): Promise<Me | null>;
  /** Registers with a community's invitation code and logs in. */
  register(input: Registration): Promise<Registered>;
  /** Joins another community by accepting its invitation code (signed in). */
  join(invitationCode: string): Promise<Membership>;
  /** Changes my password; my other sessions and my API tokens end, this session is renewed. */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
}

export function sessionApi(http: HttpClient): SessionApi {
  return {
    login: (username, password) =>
      http.request('POST', '/api/v1/auth/login', { body: { username, password } }),
    async logout() {
      await http.request('POST', '/api/v1/auth/logout');
    },
    async me() {
      try {
        return await http.request<Answer<'/api/v1/auth/me', 'get'>>('GET', '/api/v1/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    register: (input) => http.request('POST', '/api/v1/auth/register', { body: input }),
    join: (invitationCode) =>
      http.request('POST', '/api/v1/me/memberships', { body: { invitationCode } }),
    async changePassword(currentPassword, newPassword) {
      await http.request('POST', '/api/v1/auth/password', {
        body: { currentPassword, newPassword },
      });
    },
  };
}
