// Where the server keeps a domain type of its own beside the wire schema its route answers with,
// the compiler checks that the two are one shape (the client's types are generated from those
// schemas): a field added to one and not the other fails `pnpm typecheck`, not a user.
import type { AuditEntry as WireAuditEntry } from '@scene/client/audit';
import { describe, expectTypeOf, it } from 'vitest';
import type { AuditEntry } from '../../server/src/control/audit/service';

describe('domain types against the wire types', () => {
  it("the audit log's entry is the wire type of the audit routes", () => {
    expectTypeOf<AuditEntry>().toEqualTypeOf<WireAuditEntry>();
  });
});
