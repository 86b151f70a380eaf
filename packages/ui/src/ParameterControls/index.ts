export {
  ParameterControls,
  type ParameterControlsProps,
  type ParameterName,
  type ParameterValues,
} from './ParameterControls.tsx'
