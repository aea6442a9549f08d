/* Russian plotly.js locale (keys from plotly.js 4.1.1): modebar, notices, hover labels, dates, ',' decimal mark.
 * plotly.js's own 'ru' locale has month and day names only, so the modebar would stay in English.
 * Dash loads plotly.js lazily with the first graph, after this asset has run: queue the locale in
 * window.PlotlyLocales, which plotly.js registers when it loads; register directly if it is already there. */
(function () {
  "use strict";
  var locale = {
    moduleType: "locale",
    name: "ru",
    dictionary: {
      // modebar buttons (components/modebar/buttons.js)
      "Download plot as a PNG": "Скачать график в PNG",
      "Download plot": "Скачать график",
      "Download plot as JSON": "Скачать график в JSON",
      "Zoom": "Увеличить область",
      "Pan": "Сдвиг",
      "Box Select": "Выделить прямоугольником",
      "Lasso Select": "Выделить лассо",
      "Draw line": "Нарисовать линию",
      "Draw open freeform": "Нарисовать открытую кривую",
      "Draw closed freeform": "Нарисовать замкнутую кривую",
      "Draw rectangle": "Нарисовать прямоугольник",
      "Draw circle": "Нарисовать круг",
      "Erase active shape": "Удалить выбранную фигуру",
      "Zoom in": "Увеличить",
      "Zoom out": "Уменьшить",
      "Autoscale": "Автомасштаб",
      "Reset axes": "Сбросить оси",
      "Reset": "Сбросить",
      "Reset view": "Сбросить вид",
      "Reset views": "Сбросить виды",
      "Reset camera to default": "Вернуть камеру в исходное положение",
      "Reset camera to last save": "Вернуть камеру в последнее сохранённое положение",
      "Orbital rotation": "Орбитальное вращение",
      "Turntable rotation": "Вращение как на поворотном столе",
      "Toggle Spike Lines": "Показать или скрыть направляющие",
      "Show closest data on hover": "Показывать ближайшее значение при наведении",
      "Compare data on hover": "Сравнивать значения при наведении",
      "Toggle show closest data on hover": "Переключить показ ближайшего значения при наведении",
      "Share chart...": "Поделиться графиком…",
      // notices
      "Preparing image - this may take a few seconds": "Готовим изображение — это может занять несколько секунд",
      "Image download succeeded": "Изображение скачано",
      "Sorry, there was a problem downloading your image!": "Не удалось скачать изображение.",
      "JSON download succeeded": "Файл JSON скачан",
      "Sorry, there was a problem downloading your JSON file!": "Не удалось скачать файл JSON.",
      "Double-click to zoom back out": "Двойной щелчок возвращает исходный масштаб",
      "Double-click on legend to isolate one trace": "Двойной щелчок по легенде оставляет один ряд",
      // default titles and names (editable charts only; our charts set their own)
      "Click to enter Plot title": "Щёлкните, чтобы ввести название графика",
      "Click to enter Plot subtitle": "Щёлкните, чтобы ввести подзаголовок графика",
      "Click to enter X axis title": "Щёлкните, чтобы ввести название оси X",
      "Click to enter Y axis title": "Щёлкните, чтобы ввести название оси Y",
      "Click to enter Colorscale title": "Щёлкните, чтобы ввести название цветовой шкалы",
      "Click to enter Component A title": "Щёлкните, чтобы ввести название компонента A",
      "Click to enter Component B title": "Щёлкните, чтобы ввести название компонента B",
      "Click to enter Component C title": "Щёлкните, чтобы ввести название компонента C",
      "Click to enter radial axis title": "Щёлкните, чтобы ввести название радиальной оси",
      "new text": "новый текст",
      "trace": "ряд",
      // hover labels
      "lat:": "шир.:",
      "lon:": "долг.:",
      "open:": "открытие:",
      "high:": "максимум:",
      "low:": "минимум:",
      "close:": "закрытие:",
      "min:": "мин.:",
      "max:": "макс.:",
      "mean:": "среднее:",
      "median:": "медиана:",
      "q1:": "Q1:",
      "q3:": "Q3:",
      "lower fence:": "нижняя граница:",
      "upper fence:": "верхняя граница:",
      "kde:": "плотность:"
    },
    format: {
      days: ["воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"],
      shortDays: ["вс", "пн", "вт", "ср", "чт", "пт", "сб"],
      months: ["январь", "февраль", "март", "апрель", "май", "июнь",
               "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"],
      shortMonths: ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
      periods: ["AM", "PM"],
      dateTime: "%A, %e %B %Y г. %X",
      date: "%d.%m.%Y",
      time: "%H:%M:%S",
      decimal: ",",
      thousands: "\u00a0",
      grouping: [3],
      currency: ["", "\u00a0₽"],
      year: "%Y",
      month: "%b %Y",
      dayMonth: "%-d %b",
      dayMonthYear: "%-d %b %Y"
    }
  };
  if (window.Plotly && typeof window.Plotly.register === "function") {
    window.Plotly.register(locale);
  } else {
    window.PlotlyLocales = (window.PlotlyLocales || []).concat([locale]);
  }
})();
