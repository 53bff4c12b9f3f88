import type { CrmContext } from '../context.js';
import { AuthPayload } from './auth.type.js';
export declare class AuthResolver {
    login(email: string, password: string, { em, session }: CrmContext): Promise<AuthPayload>;
}
//# sourceMappingURL=auth.resolver.d.ts.map