import { Migration } from '@mikro-orm/migrations';

type Row = [code: string, type: string, name: string, description: string, priceIdr: number, days: number, documents: string[]];

/** The agency's list prices (IDR, government fees included) as published on 2026-11-01. */
const SERVICES: Row[] = [
  ['VISA_VOA_EXTENSION', 'VISA', 'Visa on Arrival extension (30 days)', 'One 30-day extension of a VOA at the Denpasar immigration office, including the photo and biometrics appointment.', 1_500_000, 5, ['Passport', 'VOA receipt', 'Onward ticket']],
  ['VISA_C1_TOURIST', 'VISA', 'C1 tourist visit visa (60 days)', 'Single-entry e-visa for tourism, extendable twice by 60 days, sponsored by the agency.', 3_500_000, 7, ['Passport valid 6 months', 'Passport photo', 'Bank statement', 'Onward ticket']],
  ['VISA_D2_BUSINESS', 'VISA', 'D2 multiple-entry business visa (1 year)', 'Multiple-entry visit visa for meetings and market research; no work or salary in Indonesia.', 9_500_000, 10, ['Passport valid 18 months', 'Passport photo', 'Bank statement', 'Invitation letter']],
  ['KITAS_INVESTOR', 'KITAS', 'Investor KITAS (E28A), 2 years', 'Stay permit for a shareholder of a PT PMA, issued through the company.', 15_000_000, 30, ['Passport valid 18 months', 'Passport photo', 'PT PMA deed and NIB', 'Shareholder register']],
  ['KITAS_RETIREMENT', 'KITAS', 'Retirement KITAS (E33F), 1 year', 'Stay permit for retirees aged 60 or over, renewable yearly.', 14_500_000, 30, ['Passport valid 18 months', 'Passport photo', 'Proof of pension or funds', 'Health insurance', 'Rental agreement in Indonesia']],
  ['KITAS_WORK', 'KITAS', 'Work KITAS (E23), 1 year', 'Work and stay permit for an employee, with the RPTKA work plan and the DKPTKA levy handled by the agency.', 21_000_000, 45, ['Passport valid 18 months', 'Passport photo', 'Degree certificate', 'CV', 'Employment contract', 'Sponsor company documents']],
  ['KITAS_SPOUSE', 'KITAS', 'Spouse KITAS (E31A), 1 year', 'Stay permit for the foreign spouse of an Indonesian citizen.', 12_000_000, 30, ['Passport valid 18 months', 'Passport photo', 'Marriage certificate', "Spouse's KTP and family card (KK)"]],
  ['KITAS_SECOND_HOME', 'KITAS', 'Second-home KITAS (E33E), 5 years', 'Long stay for foreigners who keep funds in an Indonesian state bank or own property in Indonesia.', 18_000_000, 30, ['Passport valid 36 months', 'Passport photo', 'Proof of funds of IDR 2 billion', 'CV']],
  ['KITAP_CONVERSION', 'KITAP', 'KITAP permanent stay permit (5 years)', 'Conversion of a KITAS held without interruption for the required years into a permanent stay permit.', 20_000_000, 45, ['Passport', 'Current KITAS', 'Sponsor letter', 'Police report of residence (SKTT)']],
  ['PT_PMA_SETUP', 'PT_PMA', 'PT PMA company setup', 'Foreign-owned limited company: name reservation, deed, Ministry of Law approval, NIB and business licences through OSS, tax registration.', 25_000_000, 30, ['Shareholder passports', 'Shareholder tax numbers', 'Three company name options', 'KBLI business codes', 'Office address', 'Capital plan']],
  ['PT_PMA_KBLI_CHANGE', 'PT_PMA', 'KBLI business code change', 'Adding or replacing KBLI codes of an existing PT PMA in OSS, with the deed amendment.', 9_000_000, 14, ['Company deed', 'NIB', 'New KBLI codes']],
  ['TAX_NPWP', 'TAX', 'Personal tax number (NPWP) registration', 'Registration with the tax office for a resident foreigner.', 1_500_000, 7, ['Passport', 'KITAS', 'Domicile letter']],
  ['TAX_ANNUAL_PERSONAL', 'TAX', 'Personal annual tax return (SPT Tahunan)', 'Preparation and filing of the yearly personal income tax return.', 3_000_000, 14, ['NPWP', 'Income statements', 'List of assets and debts']],
  ['TAX_COMPANY_MONTHLY', 'TAX', 'Company monthly tax reporting', 'Monthly PPh and VAT reporting for a PT PMA; price per month.', 4_000_000, 30, ['Company NPWP', 'Sales and purchase invoices', 'Payroll']],
  ['PROPERTY_DUE_DILIGENCE', 'PROPERTY', 'Property due diligence', 'Title, zoning and permit checks on land or a villa before a lease or a purchase, with a written report.', 12_000_000, 14, ['Land certificate copy', 'Owner ID', 'Draft agreement', 'Location map']],
  ['PROPERTY_LEASE_AGREEMENT', 'PROPERTY', 'Leasehold agreement drafting', 'Bilingual leasehold agreement before a notary, with registration.', 8_500_000, 10, ['Land certificate copy', 'Owner ID', 'Tenant passport', 'Agreed terms']],
  ['LEGAL_DEED_AMENDMENT', 'LEGAL', 'Company deed amendment', 'Changes to directors, shareholders or capital, with Ministry of Law approval.', 9_000_000, 21, ['Current deed', 'Shareholder resolution', 'IDs of new directors or shareholders']],
];

export class Migration20261121000100_service_catalog extends Migration {
  override up(): void {
    const knex = this.getKnex();
    const rows = SERVICES.map(([code, type, name, description, priceIdr, days, documents]) => ({
      code,
      type,
      name,
      description,
      price_idr: priceIdr,
      typical_duration_days: days,
      required_documents: knex.raw(`array[${documents.map(() => '?').join(', ')}]::text[]`, documents),
    }));
    this.addSql(knex.insert(rows).into('service'));
  }
}
