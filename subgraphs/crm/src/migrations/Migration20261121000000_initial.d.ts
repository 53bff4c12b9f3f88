import { Migration } from '@mikro-orm/migrations';
export declare class Migration20261121000000_initial extends Migration {
    up(): void;
}
//# sourceMappingURL=Migration20261121000000_initial.d.ts.map