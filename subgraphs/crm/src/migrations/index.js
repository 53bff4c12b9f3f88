"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.migrations = void 0;
const Migration20261121000000_initial_js_1 = require("./Migration20261121000000_initial.js");
const Migration20261121000100_service_catalog_js_1 = require("./Migration20261121000100_service_catalog.js");
/** Every migration, in order; listed explicitly so compiled and test runs find the same set. */
exports.migrations = [
    { name: 'Migration20261121000000_initial', class: Migration20261121000000_initial_js_1.Migration20261121000000_initial },
    { name: 'Migration20261121000100_service_catalog', class: Migration20261121000100_service_catalog_js_1.Migration20261121000100_service_catalog },
];
//# sourceMappingURL=index.js.map