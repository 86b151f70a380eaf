import type { ReactNode, SVGProps } from 'react'

/** Props of every icon in {@link Icons}: any SVG attribute, plus a size (default the theme's `--kindling-icon-size`). */
export interface IconProps extends Omit<SVGProps<SVGSVGElement>, 'children'> {
  /** Width and height, as a CSS length or pixels. */
  size?: number | string | undefined
}

// 24×24 strokes in currentColor, so an icon takes the colour and size of the text around it.
function Svg({ size, className, style, children, ...props }: IconProps & { children: ReactNode }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={className ? `kindling-icon ${className}` : 'kindling-icon'}
      style={size === undefined ? style : { width: size, height: size, ...style }}
      {...props}
    >
      {children}
    </svg>
  )
}

/**
 * The kit's icons as inline SVG components (decorative: `aria-hidden`; name the button that holds
 * one). They inherit the text colour and are sized by `--kindling-icon-size` or `size`.
 *
 * @example
 * <button type="button" aria-label="Copy"><Icons.Copy /></button>
 */
export const Icons = {
  Send: (props: IconProps) => (
    <Svg {...props}>
      <path d="M12 19V5M5 12l7-7 7 7" />
    </Svg>
  ),
  Stop: (props: IconProps) => (
    <Svg {...props}>
      <rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor" />
    </Svg>
  ),
  Copy: (props: IconProps) => (
    <Svg {...props}>
      <rect x="9" y="9" width="12" height="12" rx="2" />
      <path d="M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1" />
    </Svg>
  ),
  Check: (props: IconProps) => (
    <Svg {...props}>
      <path d="M20 6 9 17l-5-5" />
    </Svg>
  ),
  Retry: (props: IconProps) => (
    <Svg {...props}>
      <path d="M3 12a9 9 0 0 1 15.4-6.4L21 8" />
      <path d="M21 3v5h-5" />
      <path d="M21 12a9 9 0 0 1-15.4 6.4L3 16" />
      <path d="M3 21v-5h5" />
    </Svg>
  ),
  Settings: (props: IconProps) => (
    <Svg {...props}>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2v3M12 19v3M4.9 4.9 7 7M17 17l2.1 2.1M2 12h3M19 12h3M4.9 19.1 7 17M17 7l2.1-2.1" />
    </Svg>
  ),
  Sliders: (props: IconProps) => (
    <Svg {...props}>
      <path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1" />
      <circle cx="15" cy="6" r="2" />
      <circle cx="9" cy="12" r="2" />
      <circle cx="17" cy="18" r="2" />
    </Svg>
  ),
  Close: (props: IconProps) => (
    <Svg {...props}>
      <path d="M18 6 6 18M6 6l12 12" />
    </Svg>
  ),
  Menu: (props: IconProps) => (
    <Svg {...props}>
      <path d="M4 6h16M4 12h16M4 18h16" />
    </Svg>
  ),
  ChevronLeft: (props: IconProps) => (
    <Svg {...props}>
      <path d="m15 18-6-6 6-6" />
    </Svg>
  ),
  ChevronRight: (props: IconProps) => (
    <Svg {...props}>
      <path d="m9 18 6-6-6-6" />
    </Svg>
  ),
  ChevronDown: (props: IconProps) => (
    <Svg {...props}>
      <path d="m6 9 6 6 6-6" />
    </Svg>
  ),
  ArrowDown: (props: IconProps) => (
    <Svg {...props}>
      <path d="M12 5v14M19 12l-7 7-7-7" />
    </Svg>
  ),
  Plus: (props: IconProps) => (
    <Svg {...props}>
      <path d="M12 5v14M5 12h14" />
    </Svg>
  ),
  Trash: (props: IconProps) => (
    <Svg {...props}>
      <path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6M10 11v6M14 11v6" />
    </Svg>
  ),
  Edit: (props: IconProps) => (
    <Svg {...props}>
      <path d="M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z" />
    </Svg>
  ),
  Download: (props: IconProps) => (
    <Svg {...props}>
      <path d="M12 3v12M7 10l5 5 5-5M5 21h14" />
    </Svg>
  ),
  Upload: (props: IconProps) => (
    <Svg {...props}>
      <path d="M12 15V3M7 8l5-5 5 5M5 21h14" />
    </Svg>
  ),
  Paperclip: (props: IconProps) => (
    <Svg {...props}>
      <path d="m21 11-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6L15 6.6" />
    </Svg>
  ),
  File: (props: IconProps) => (
    <Svg {...props}>
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8Z" />
      <path d="M14 3v5h5M9 13h6M9 17h6" />
    </Svg>
  ),
} as const

/** The name of an icon in {@link Icons}. */
export type IconName = keyof typeof Icons
