import { useLocation } from '../routing/history';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';

const SECTIONS = [
  { href: paths.adminApiKeys, label: 'API keys' },
  { href: paths.adminAudit, label: 'Audit log' },
  { href: paths.adminKnowledge, label: 'Knowledge base' },
  { href: paths.adminTeam, label: 'Team' },
];

/** The administration screens, one link each. */
export function AdminNav() {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Administration" className="sub-nav">
      {SECTIONS.map((section) => (
        <Link key={section.href} href={section.href} aria-current={pathname === section.href ? 'page' : undefined}>
          {section.label}
        </Link>
      ))}
    </nav>
  );
}
