import { Orientation, ORIENTATIONS } from '@indaga/domain';
import { DateOn, LocalId, OneOf, SchoolIds, Text } from '../../../http/validators';

export class OpenInquiryCycleDto {
  @LocalId({ required: false, example: 'ciclo-lectura-2024' })
  cycleId?: string;

  @Text({ example: '¿Mejora la comprensión lectora de 4° básico si modelamos la lectura en voz alta?' })
  question: string;

  @Text({ required: false, example: 'La comprensión sube al menos 10 puntos en la prueba de unidad' })
  prediction?: string;

  @Text({ required: false, example: 'comprensión lectora' })
  focus?: string;

  @OneOf(ORIENTATIONS, { example: 'improvement' })
  orientation: Orientation;

  @SchoolIds({ example: ['10123', '10456', '10789'] })
  schools: string[];

  @DateOn({ example: '2024-04-02' })
  openedOn: string;
}
