/**
 * Verbatim's mark: a closing quotation mark on the accent colour, drawn as
 * SVG so it looks the same whatever fonts the system has. Decorative (the
 * name "Verbatim" is always written beside it). Props only.
 */
export function BrandMark({ size = 22 }: { size?: number }) {
  return (
    <svg
      class="vb-brand-mark"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="24" height="24" rx="6" fill="var(--vb-accent)" />
      <path d="M6 17h3l2-4V7H5v6h3zm8 0h3l2-4V7h-6v6h3z" fill="var(--vb-accent-fg)" />
    </svg>
  );
}
