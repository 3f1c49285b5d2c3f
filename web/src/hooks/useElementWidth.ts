import { useEffect, useRef, useState, type RefObject } from 'react';

/** The rendered width of an element, kept current with a ResizeObserver, so charts draw at
 * their real pixel size and their text stays legible on a tablet. */
export function useElementWidth<E extends HTMLElement>(
  fallback: number,
): [RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const measure = () => {
      const next = Math.floor(element.getBoundingClientRect().width);
      if (next > 0) setWidth(next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, []);
  return [ref, width];
}
