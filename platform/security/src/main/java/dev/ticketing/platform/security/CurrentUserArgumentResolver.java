package dev.ticketing.platform.security;

import dev.ticketing.platform.web.ApiException;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves controller parameters of type {@link CurrentUser} (required: 401 {@code Not authorized} when
 * anonymous) and {@code Optional<CurrentUser>}. The filter chain's {@link ProtectedRoutes} reject anonymous
 * calls earlier; this is the second line of defence for a route someone forgot to declare.
 */
final class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class || isOptionalCurrentUser(parameter);
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        Optional<CurrentUser> user = CurrentUsers.current();
        if (isOptionalCurrentUser(parameter)) {
            return user;
        }
        return user.orElseThrow(ApiException::notAuthorized);
    }

    private static boolean isOptionalCurrentUser(MethodParameter parameter) {
        return parameter.getParameterType() == Optional.class
                && ResolvableType.forMethodParameter(parameter).getGeneric(0).resolve() == CurrentUser.class;
    }
}
