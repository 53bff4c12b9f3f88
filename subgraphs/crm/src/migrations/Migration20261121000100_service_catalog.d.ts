import { Migration } from '@mikro-orm/migrations';
export declare class Migration20261121000100_service_catalog extends Migration {
    up(): void;
}
//# sourceMappingURL=Migration20261121000100_service_catalog.d.ts.map